/**
 * Holidays that move every year, computed for the year asked and the user's zone (which
 * stands for their country): Easter and the feasts counted from it (Gregorian computus),
 * and the "nth weekday of a month" holidays (Thanksgiving, Memorial Day, Mother's Day, …).
 * Where a holiday's date depends on the country and the zone does not tell which rule
 * applies (Labour Day in Australia varies by state), `holidayDate` returns undefined and the
 * request is rejected with a hint: never a guess.
 */
import { addDays, daysInMonth, weekdayOf, type LocalDate } from './calendar.js';

/** Easter Sunday of year `y` (Gregorian; the anonymous algorithm, valid for every Gregorian year). */
export function easterSunday(y: number): LocalDate {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { y, m: month, d: day };
}

/** The `nth` (1-5, or 'L' for last) `weekday` (0 = Sunday) of month `m` in year `y`. */
export function nthWeekdayOf(y: number, m: number, weekday: number, nth: number | 'L'): LocalDate | undefined {
  if (nth === 'L') {
    const last = { y, m, d: daysInMonth(y, m) };
    return addDays(last, -((weekdayOf(last) - weekday + 7) % 7));
  }
  const first = { y, m, d: 1 };
  const d = 1 + ((weekday - weekdayOf(first) + 7) % 7) + 7 * (nth - 1);
  return d <= daysInMonth(y, m) ? { y, m, d } : undefined;
}

const SUN = 0;
const MON = 1;
const THU = 4;

const CANADA =
  /^(?:Canada\/|America\/(?:Toronto|Montreal|Vancouver|Edmonton|Winnipeg|Regina|Halifax|St_Johns|Moncton|Glace_Bay|Goose_Bay|Whitehorse|Dawson|Dawson_Creek|Fort_Nelson|Yellowknife|Inuvik|Iqaluit|Rankin_Inlet|Resolute|Cambridge_Bay|Swift_Current|Creston|Atikokan|Blanc-Sablon|Nipigon|Thunder_Bay|Rainy_River|Pangnirtung)$)/;
const UK_IRELAND = /^(?:Europe\/(?:London|Dublin|Belfast|Isle_of_Man|Jersey|Guernsey)|GB|GB-Eire|Eire)$/;
const AUSTRALIA_NZ = /^(?:Australia\/|Pacific\/(?:Auckland|Chatham|Fiji)$|NZ$)/;
const MEXICO =
  /^America\/(?:Mexico_City|Monterrey|Merida|Cancun|Chihuahua|Ciudad_Juarez|Hermosillo|Mazatlan|Tijuana|Matamoros|Bahia_Banderas|Ojinaga)$/;
const NORDIC_FATHERS = /^(?:Europe\/(?:Stockholm|Oslo|Helsinki)|Atlantic\/Reykjavik)$/;

const easterPlus =
  (days: number) =>
  (y: number): LocalDate =>
    addDays(easterSunday(y), days);
const nth =
  (m: number, weekday: number, n: number | 'L') =>
  (y: number): LocalDate | undefined =>
    nthWeekdayOf(y, m, weekday, n);
const fixed =
  (m: number, d: number) =>
  (y: number): LocalDate => ({ y, m, d });

function usThanksgiving(y: number): LocalDate {
  return nthWeekdayOf(y, 11, THU, 4)!;
}

/** Mother's Day by country: the second Sunday of May in the US and most countries. */
function mothersDay(y: number, zone: string): LocalDate | undefined {
  if (UK_IRELAND.test(zone)) return addDays(easterSunday(y), -21); // Mothering Sunday, 4th Sunday of Lent
  if (zone === 'Europe/Paris') {
    // last Sunday of May, moved to the first Sunday of June when that is Pentecost
    const last = nthWeekdayOf(y, 5, SUN, 'L')!;
    const pentecost = addDays(easterSunday(y), 49);
    return last.m === pentecost.m && last.d === pentecost.d ? nthWeekdayOf(y, 6, SUN, 1) : last;
  }
  if (/^(?:Europe\/(?:Madrid|Lisbon)|Atlantic\/(?:Canary|Madeira)|Africa\/Ceuta)$/.test(zone)) return nthWeekdayOf(y, 5, SUN, 1);
  if (MEXICO.test(zone)) return { y, m: 5, d: 10 };
  if (zone === 'Europe/Moscow') return nthWeekdayOf(y, 11, SUN, 'L');
  if (zone.startsWith('America/Argentina/')) return nthWeekdayOf(y, 10, SUN, 3);
  if (zone === 'Asia/Bangkok') return { y, m: 8, d: 12 };
  if (zone === 'Europe/Oslo') return nthWeekdayOf(y, 2, SUN, 2);
  if (zone === 'Europe/Stockholm') return nthWeekdayOf(y, 5, SUN, 'L');
  if (/^(?:Africa\/Cairo|Asia\/(?:Beirut|Amman|Baghdad|Riyadh|Dubai|Qatar|Kuwait|Bahrain|Muscat|Damascus))$/.test(zone))
    return { y, m: 3, d: 21 };
  if (zone === 'Asia/Seoul') return { y, m: 5, d: 8 };
  return nthWeekdayOf(y, 5, SUN, 2);
}

/** Father's Day by country: the third Sunday of June in the US, UK, Canada and most countries. */
function fathersDay(y: number, zone: string): LocalDate | undefined {
  if (AUSTRALIA_NZ.test(zone)) return nthWeekdayOf(y, 9, SUN, 1);
  if (zone === 'Europe/Berlin' || zone === 'Europe/Busingen') return addDays(easterSunday(y), 39); // Ascension Day
  if (zone === 'Europe/Zurich') return nthWeekdayOf(y, 6, SUN, 1);
  if (zone === 'Europe/Vienna') return nthWeekdayOf(y, 6, SUN, 2);
  if (/^(?:Europe\/(?:Madrid|Rome|Lisbon)|Atlantic\/(?:Canary|Madeira)|Africa\/Ceuta)$/.test(zone)) return { y, m: 3, d: 19 };
  if (NORDIC_FATHERS.test(zone)) return nthWeekdayOf(y, 11, SUN, 2);
  if (
    zone === 'America/Sao_Paulo' ||
    (zone.startsWith('America/') &&
      /Fortaleza|Recife|Bahia|Belem|Manaus|Cuiaba|Campo_Grande|Porto_Velho|Boa_Vista|Rio_Branco|Maceio|Araguaina|Santarem|Noronha/.test(
        zone,
      ))
  )
    return nthWeekdayOf(y, 8, SUN, 2);
  if (zone === 'Asia/Bangkok') return { y, m: 12, d: 5 };
  if (zone === 'Asia/Taipei') return { y, m: 8, d: 8 };
  if (zone === 'Asia/Seoul') return { y, m: 5, d: 8 };
  return nthWeekdayOf(y, 6, SUN, 3);
}

/** Labor Day: first Monday of September in the US and Canada, fourth Monday of October in New Zealand, May 1 elsewhere; Australia's depends on the state. */
function labourDay(y: number, zone: string): LocalDate | undefined {
  if (zone.startsWith('Australia/')) return undefined;
  if (zone === 'Pacific/Auckland' || zone === 'NZ') return nthWeekdayOf(y, 10, MON, 4);
  if (zone.startsWith('America/') || zone.startsWith('US/') || zone.startsWith('Canada/') || zone === 'Pacific/Honolulu') {
    if (CANADA.test(zone) || isUsZone(zone)) return nthWeekdayOf(y, 9, MON, 1);
  }
  return { y, m: 5, d: 1 };
}

function isUsZone(zone: string): boolean {
  return (
    zone.startsWith('US/') ||
    zone === 'Pacific/Honolulu' ||
    /^America\/(?:New_York|Chicago|Denver|Los_Angeles|Phoenix|Anchorage|Detroit|Boise|Juneau|Sitka|Nome|Adak|Yakutat|Metlakatla|Menominee|Indiana\/.+|Kentucky\/.+|North_Dakota\/.+)$/.test(
      zone,
    )
  );
}

interface Holiday {
  /** Names as written (lower case, normalised apostrophes), as a regex source. */
  names: string;
  /** The date in year `y` for a user in `zone`, or undefined when the zone does not say which rule applies. */
  on(y: number, zone: string): LocalDate | undefined;
}

/** Moving holidays we compute. Longer names first ("easter monday" before "easter"). */
export const MOVING_HOLIDAYS: Holiday[] = [
  { names: 'easter monday', on: easterPlus(1) },
  { names: 'easter(?: sunday| day)?', on: easterPlus(0) },
  { names: 'good friday', on: easterPlus(-2) },
  { names: '(?:holy|maundy) thursday', on: easterPlus(-3) },
  { names: 'palm sunday', on: easterPlus(-7) },
  { names: 'ash wednesday', on: easterPlus(-46) },
  { names: 'shrove tuesday|mardi gras|pancake day', on: easterPlus(-47) },
  { names: 'ascension(?: day)?', on: easterPlus(39) },
  { names: 'pentecost(?: sunday)?|whit ?sunday|whitsun(?:day)?', on: easterPlus(49) },
  { names: 'whit ?monday|pentecost monday', on: easterPlus(50) },
  { names: 'black friday', on: (y) => addDays(usThanksgiving(y), 1) },
  { names: 'cyber monday', on: (y) => addDays(usThanksgiving(y), 4) },
  // Canada's on the second Monday of October; everyone else who says "thanksgiving" in English means the US one
  { names: 'thanksgiving(?: day)?', on: (y, zone) => (CANADA.test(zone) ? nthWeekdayOf(y, 10, MON, 2) : usThanksgiving(y)) },
  { names: "mother'?s'? day|mothering sunday", on: (y, zone) => mothersDay(y, zone) },
  { names: "father'?s'? day", on: (y, zone) => fathersDay(y, zone) },
  { names: 'memorial day', on: nth(5, MON, 'L') },
  { names: 'labou?r day', on: (y, zone) => labourDay(y, zone) },
  { names: "mlk day|martin luther king(?:,? jr\\.?)?(?:'s)? day", on: nth(1, MON, 3) },
  { names: "presidents?'? day|president's day|washington'?s birthday", on: nth(2, MON, 3) },
  { names: "columbus day|indigenous peoples'? day", on: nth(10, MON, 2) },
  { names: 'victoria day', on: (y) => addDays({ y, m: 5, d: 24 }, -((weekdayOf({ y, m: 5, d: 24 }) + 6) % 7)) },
  // Fixed in the US; other countries' independence days differ, so only for US zones
  { names: 'independence day|(?:the )?(?:4th|fourth) of july', on: (y, zone) => (isUsZone(zone) ? { y, m: 7, d: 4 } : undefined) },
  { names: 'juneteenth', on: fixed(6, 19) },
  { names: "veterans'? day|remembrance day|armistice day", on: fixed(11, 11) },
  { names: "st\\.? patrick'?s'? day|saint patrick'?s'? day|paddy'?s day", on: fixed(3, 17) },
  { names: 'canada day', on: fixed(7, 1) },
  { names: 'groundhog day', on: fixed(2, 2) },
];

/** Regex source matching any moving holiday name. */
export const MOVING_HOLIDAY_SRC = MOVING_HOLIDAYS.map((h) => h.names).join('|');

/** The holiday whose names match `written` exactly. */
export function movingHoliday(written: string): Holiday | undefined {
  return MOVING_HOLIDAYS.find((h) => new RegExp(`^(?:${h.names})$`).test(written));
}
