/**
 * Requests as people type them, written without looking at the parser, each with the instants
 * it must give worked out from the calendar (Intl wall clocks, test/chat/civil-calendar.ts), or
 * the question it must ask. London, Thursday 3 Dec 2026 12:00 GMT unless a zone is named.
 * Calendar facts used: London goes to BST at 01:00 GMT on Sun 28 Mar 2027 (01:00-01:59 does not
 * exist) and back at 02:00 BST on Sun 31 Oct 2027 (01:00-01:59 twice); New York goes to EDT at
 * 02:00 on Sun 14 Mar 2027. 25 Oct 2026 (London's last change) has passed.
 *
 * Fixed with these cases: "tonight at 1" was 13:00 today (and "friday night at 2" Fri 14:00);
 * "tonight at 1am" was refused as passed; "mon to fri at 9 standup" was Fri 09:00 once with
 * the text "mon to standup"; "every 3rd day at 9" was the 3rd of each month, text "day water".
 */
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/nl/parse.js';
import { nextFires } from '../../src/core/schedule.js';
import { instantOf } from '../chat/civil-calendar.js';

const LONDON = 'Europe/London';
const NOW = instantOf({ y: 2026, m: 12, d: 3 }, 12, 0, LONDON);
/** A wall time in `zone` as an ISO instant. */
const w = (y: number, m: number, d: number, h: number, mi = 0, zone = LONDON) => instantOf({ y, m, d }, h, mi, zone).toISOString();
const dec = (d: number, h: number, mi = 0) => w(2026, 12, d, h, mi);
const NY = 'America/New_York';

/** Parses `text` at NOW in London and checks its first fires and its text; returns the reading. */
function expectRead(text: string, fires: string[], task?: string) {
  const r = parse(text, { now: NOW, timeZone: LONDON });
  if (!r.ok) throw new Error(`${text}: ${r.error}`);
  expect(r.next.slice(0, fires.length).map((d) => d.toISOString())).toEqual(fires);
  if (task !== undefined) expect(r.text).toBe(task);
  return r;
}

/** [request, first fires in order, the reminder's text] */
const READ: Array<[string, string[], string]> = [
  ['remind me on 29 march 2027 at 1:30am to check the boiler', [w(2027, 3, 29, 1, 30)], 'check the boiler'],
  // 01:30 does not exist on 28 Mar 2027: the gap moves it an hour on, 02:30 BST = 01:30 UTC
  ['remind me on march 28 2027 at 1:30am to check the boiler', ['2027-03-28T01:30:00.000Z'], 'check the boiler'],
  // 01:30 comes twice on 31 Oct 2027: the first, BST, is 00:30 UTC
  ['remind me on oct 31 2027 at 1:30am to feed the cat', ['2027-10-31T00:30:00.000Z'], 'feed the cat'],
  ['every sunday at 1:30am backup', [dec(6, 1, 30), dec(13, 1, 30)], 'backup'],
  ['remind me in 4 months at 1:30am to renew', [w(2027, 4, 3, 1, 30)], 'renew'],
  // 02:30 does not exist in New York on 14 Mar 2027: 03:30 EDT = 07:30 UTC
  ['at 2:30am on march 14 2027 new york time check the heating', ['2027-03-14T07:30:00.000Z'], 'check the heating'],
  ['every day at 2:30am new york time run backup', [w(2026, 12, 4, 2, 30, NY), w(2026, 12, 5, 2, 30, NY)], 'run backup'],
  ['every day at 1:30am water', [dec(4, 1, 30), dec(5, 1, 30)], 'water'],
  ['on the 31st every month pay rent', [dec(31, 9), w(2027, 1, 31, 9), w(2027, 3, 31, 9)], 'pay rent'],
  ['on feb 29 2028 at 9 leap day party', [w(2028, 2, 29, 9)], 'leap day party'],
  ['every year on feb 29 leap', [w(2028, 2, 29, 9), w(2032, 2, 29, 9)], 'leap'],
  ['remind me the day after tomorrow to call mum', [dec(5, 9)], 'call mum'],
  ['day after tomorrow at 5 call mum', [dec(5, 17)], 'call mum'],
  ['the day after tmrw at 10 call', [dec(5, 10)], 'call'],
  ['in a fortnight call mum', [dec(17, 12)], 'call mum'],
  ['next week tuesday call mum', [dec(8, 9)], 'call mum'],
  ['next week tuesday at 3 call mum', [dec(8, 15)], 'call mum'],
  ['at 12am call mum', [dec(4, 0)], 'call mum'],
  // 12:00 today is now, not ahead: the next noon
  ['at 12pm call mum', [dec(4, 12)], 'call mum'],
  ['noon tomorrow lunch', [dec(4, 12)], 'lunch'],
  ['midday friday lunch', [dec(4, 12)], 'lunch'],
  ['tonight at 1am call', [dec(4, 1)], 'call'],
  ['tonight at 11 call', [dec(3, 23)], 'call'],
  ['this afternoon at 1 call', [dec(3, 13)], 'call'],
  ['tmrw 9am call mum', [dec(4, 9)], 'call mum'],
  ['tomorow at 9 call mum', [dec(4, 9)], 'call mum'],
  ['TOMORROW AT 9AM CALL MUM', [dec(4, 9)], 'CALL MUM'],
  ['Call Mum Tomorrow At 9', [dec(4, 9)], 'Call Mum'],
  ['🔔 tomorrow at 9 call mum 📞', [dec(4, 9)], '🔔 call mum 📞'],
  ['call mum tomorrow at 9, thanks!', [dec(4, 9)], 'call mum, thanks!'],
  // punctuation that closed the time words goes with them at either end of the text (it was
  // "!!! call mum", "?? call mum", "call mum,."); the text's own stays
  ['tomorrow at 9am!!! call mum', [dec(4, 9)], 'call mum'],
  ['tomorrow at 9am !!! call mum', [dec(4, 9)], 'call mum'],
  ['remind me tomorrow at 9am?? to call mum', [dec(4, 9)], 'call mum'],
  ['tomorrow at 9am ‼ call mum', [dec(4, 9)], 'call mum'],
  ['call mum, tomorrow at 9.', [dec(4, 9)], 'call mum'],
  ['call mum tomorrow at 9!!!', [dec(4, 9)], 'call mum'],
  ['call mum!!! tomorrow at 9', [dec(4, 9)], 'call mum!!!'],
  ['tomorrow at 9am, call mum!', [dec(4, 9)], 'call mum!'],
  ['call mum at 9am tomorrow :)', [dec(4, 9)], 'call mum :)'],
  ['call mum tomorrow at 9. bring the cake', [dec(4, 9)], 'call mum. bring the cake'],
  // days listed without commas: "wed" was read as text and the request refused as two reminders
  ['every mon wed fri at 7 gym', [dec(4, 7), dec(7, 7), dec(9, 7), dec(11, 7)], 'gym'],
  ['every sat sun at 10 lie in', [dec(5, 10), dec(6, 10), dec(12, 10), dec(13, 10)], 'lie in'],
  ['wed sat at 9 call mum', [dec(5, 9), dec(9, 9)], 'call mum'],
  ['remind me to buy a sun hat at 5', [dec(3, 17)], 'buy a sun hat'],
  // 07:00 in New York now: its next 9 is 09:00 EST today
  ['at 9 new york time call bob', [w(2026, 12, 3, 9, 0, NY)], 'call bob'],
  ['tomorrow at 9 tokyo time call', [w(2026, 12, 4, 9, 0, 'Asia/Tokyo')], 'call'],
  ['remind me in 3 days at 10pm new york time to call', [w(2026, 12, 6, 22, 0, NY)], 'call'],
  ['mon to fri at 9 standup', [dec(4, 9), dec(7, 9), dec(8, 9)], 'standup'],
  ['wed thru fri at 9 gym', [dec(4, 9), dec(9, 9), dec(10, 9)], 'gym'],
  ['every tuesday to thursday at 9 gym', [dec(8, 9), dec(9, 9), dec(10, 9)], 'gym'],
  ['every 3rd day at 9 water', [dec(4, 9), dec(7, 9), dec(10, 9)], 'water'],
  ['every 2nd day at 9 water', [dec(4, 9), dec(6, 9), dec(8, 9)], 'water'],
  ['every 3rd day of the month at 9 water', [w(2027, 1, 3, 9), w(2027, 2, 3, 9)], 'water'],
  ['a week tomorrow at 3 call', [dec(11, 15)], 'call'],
  ['tues week at 10 call', [dec(15, 10)], 'call'],
  ['at half nine tomorrow call', [dec(4, 9, 30)], 'call'],
  ['at 9:00 PM tomorrow call', [dec(4, 21)], 'call'],
  ['tomorrow at 0900 call', [dec(4, 9)], 'call'],
  ['in 18 months call', [w(2028, 6, 3, 12)], 'call'],
  ['every last friday of the month at 4 drinks', [dec(25, 16), w(2027, 1, 29, 16)], 'drinks'],
  ['every weekday at 8:45 except fridays standup', [dec(7, 8, 45), dec(8, 8, 45), dec(9, 8, 45), dec(10, 8, 45)], 'standup'],
  ['from jan 5 every monday at 9 team sync', [w(2027, 1, 11, 9)], 'team sync'],
  ['every evening pills', [dec(3, 18), dec(4, 18)], 'pills'],
  ['every night at 10 pills', [dec(3, 22), dec(4, 22)], 'pills'],
  ['at 17.30 call', [dec(3, 17, 30)], 'call'],
  ['tomorrow @ 9:30 call', [dec(4, 9, 30)], 'call'],
  ['in 90 mins call', [dec(3, 13, 30)], 'call'],
  ['xmas eve at 6pm wrap presents', [dec(24, 18)], 'wrap presents'],
  ['remind me end of month to send invoices', [dec(31, 17)], 'send invoices'],
  ['remind me this weekend to clean the car', [dec(5, 9)], 'clean the car'],
  ['remind me next weekend to clean the car', [dec(12, 9)], 'clean the car'],
  // was 22:00 today with the text "this fri to pay"
  ['remind me this fri at 10 to pay', [dec(4, 10)], 'pay'],
  // was Mon 7 Dec 09:00 (the default) with the text "at 10 taxes"
  ['on monday next at 10 taxes', [dec(7, 10)], 'taxes'],
];

/** [request, words the question must hold, its example's first fire] */
const ASKED: Array<[string, string, string]> = [
  // "tonight" is the night: 1 is after midnight, not 13:00 this afternoon
  ['tonight at 1 call', '01:00 on Fri 4 Dec', dec(4, 1)],
  ['tonight at 12 call', 'midnight', dec(4, 0)],
  ['friday night at 2 call', '02:00 on Sat 5 Dec', dec(5, 2)],
  ['this evening at 1 call', '01:00 on Fri 4 Dec', dec(4, 1)],
];

describe('requests read from the calendar', () => {
  it.each(READ)('"%s"', (text, fires, task) => {
    expectRead(text, fires, task);
  });

  it('"on 25 oct 2026 at 1:30am" has passed: refused, nothing guessed', () => {
    const r = parse('on 25 oct 2026 at 1:30am water plants', { now: NOW, timeZone: LONDON });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain('past');
  });

  it('"every day at 9 10 times" stops after 10', () => {
    const r = parse('every day at 9 10 times stretch', { now: NOW, timeZone: LONDON });
    expect(r.ok && r.bounds.maxRuns).toBe(10);
  });

  it('DST days are said: "every day at 1:30am" notes the gap of 28 Mar 2027 and the overlap of 31 Oct 2027', () => {
    const r = parse('every day at 1:30am water', { now: NOW, timeZone: LONDON });
    if (!r.ok) throw new Error(r.error);
    expect(r.wallNotes?.map((n) => n.kind)).toEqual(['gap', 'fold']);
  });
});

describe('an hour at night is asked, never taken as the afternoon', () => {
  it.each(ASKED)('"%s"', (text, words, first) => {
    const r = parse(text, { now: NOW, timeZone: LONDON });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toContain(words);
    const again = parse(r.example!, { now: NOW, timeZone: LONDON });
    if (!again.ok) throw new Error(again.error);
    expect(again.next[0]?.toISOString()).toBe(first);
    expect(again.text).toBe('call');
  });
});

describe('"tonight" said in the small hours', () => {
  it('"tonight at 1am" at 00:30 is asked (the night that is on, or the next?), the coming 01:00 as the example', () => {
    const r = parse('tonight at 1am call', { now: instantOf({ y: 2026, m: 12, d: 3 }, 0, 30, LONDON), timeZone: LONDON });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toContain('01:00 on Thu 3 Dec');
    expect(r.example).toBe('on dec 3 at 01:00 call');
  });
});

/**
 * "every N hours/minutes" is that rhythm or it is refused: a cron `*\/N` hour or minute field
 * restarts at 00:00 (or :00), so a step that does not divide the day fires a short gap at
 * midnight (every 7 hours on weekdays: Mon 21:00 then Tue 00:00, 3 hours later).
 */
describe('a repeat of hours or minutes keeps its rhythm, or says why not', () => {
  const HOUR = 3_600_000;
  const gaps = (next: Date[]) => next.slice(1).map((d, i) => d.getTime() - next[i]!.getTime());

  it.each([
    ['every 5 hours call', 5 * HOUR],
    ['every 7 hours call', 7 * HOUR],
    ['every 90 minutes call', 1.5 * HOUR],
    ['every 7 minutes call', 7 * 60_000],
    ['every 5 hours from 9am call', 5 * HOUR],
    // "every day"/"daily" restricts no day: the same rhythm, not an extra 09:00 fire
    ['every 5 hours every day call', 5 * HOUR],
    ['call every 7 hours daily', 7 * HOUR],
  ])('"%s" fires at equal gaps', (text, gap) => {
    const r = parse(text, { now: NOW, timeZone: LONDON });
    if (!r.ok) throw new Error(`${text}: ${r.error}`);
    expect(r.kind).toBe('recurring');
    expect(r.schedule.kind).toBe('interval');
    expect(new Set(gaps(r.next))).toEqual(new Set([gap]));
    expect(r.text).toBe('call');
  });

  it('"every 5 hours from 9am" starts at the next 09:00 (Fri 4 Dec)', () => {
    const r = parse('every 5 hours from 9am call', { now: NOW, timeZone: LONDON });
    if (!r.ok) throw new Error(r.error);
    expect(r.next.slice(0, 3).map((d) => d.toISOString())).toEqual([dec(4, 9), dec(4, 14), dec(4, 19)]);
  });

  // one day, or days never back to back: within each day from 00:00, every gap of the day exact
  it.each([
    ['every 5 hours on fridays call', [dec(4, 0), dec(4, 5), dec(4, 10), dec(4, 15)]],
    ['every 3 hours on tuesdays and fridays call', [dec(4, 0), dec(4, 3), dec(4, 6)]],
    // 6 hours divides the day: back-to-back days keep the rhythm over midnight
    ['every 6 hours on weekdays call', [dec(3, 18), dec(4, 0), dec(4, 6), dec(4, 12)]],
    ['every 90 minutes on weekends call', [dec(5, 0), dec(5, 1, 30), dec(5, 3)]],
    // "from 9am" on named days: from 09:00 of each such day, not a cron from midnight cut at 9
    ['every 5 hours on fridays from 9am call', [dec(4, 9), dec(4, 14), dec(4, 19), dec(11, 9)]],
    ['every 5 hours from 9am on fridays call', [dec(4, 9), dec(4, 14), dec(4, 19), dec(11, 9)]],
    ['every 5 hours on fridays starting at 9am call', [dec(4, 9), dec(4, 14), dec(4, 19), dec(11, 9)]],
    // a clock end with it is where each day stops ("starting at 9am" alone ended today at 17:00)
    ['every 2 hours on weekdays starting at 9am until 5pm call', [dec(3, 13), dec(3, 15), dec(3, 17), dec(4, 9)]],
  ])('"%s"', (text, fires) => {
    expectRead(text, fires, 'call');
  });

  // back-to-back days with a step that does not divide the day: no exact reading
  it.each([
    ['every 7 hours on weekdays call', '21:00', '3 hours'],
    ['every 5 hours on saturdays and sundays call', '20:00', '4 hours'],
    ['every 7 minutes on weekdays call', '23:55', '5 minutes'],
    ['every 50 minutes on mondays and tuesdays call', '23:20', '40 minutes'],
    ['every 5 hours at :15 on weekends call', '20:15', '4 hours'],
  ])('"%s" is refused, naming the short gap at midnight', (text, last, gap) => {
    const r = parse(text, { now: NOW, timeZone: LONDON });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toContain(last);
    expect(r.error).toContain(gap);
    const again = parse(r.example!, { now: NOW, timeZone: LONDON });
    if (!again.ok) throw new Error(`${r.example}: ${again.error}`);
    expect(again.text).toBe('call');
  });
});

/** "for N days/weeks" ends with the last fire inside that span, not at the hour it was said. */
describe('a repeat "for" a span ends with its last fire', () => {
  it.each([
    ['every day at 9 for 3 days stretch', [dec(4, 9), dec(5, 9), dec(6, 9)], dec(6, 9)],
    ['every day at 9am and 9pm for 2 days pills', [dec(3, 21), dec(4, 9), dec(4, 21), dec(5, 9)], dec(5, 9)],
    ['every monday at 9 for 3 weeks stretch', [dec(7, 9), dec(14, 9), dec(21, 9)], dec(21, 9)],
    // a span of hours counts from now: the last fire is the span's end itself
    ['every 2 hours for 1 day stretch', [dec(3, 14), dec(3, 16)], dec(4, 12)],
  ])('"%s"', (text, fires, end) => {
    const r = parse(text, { now: NOW, timeZone: LONDON });
    if (!r.ok) throw new Error(`${text}: ${r.error}`);
    expect(r.next.slice(0, fires.length).map((d) => d.toISOString())).toEqual(fires);
    expect(r.bounds.endAt?.toISOString()).toBe(end);
  });
});

/**
 * The end of every month, and "once/twice a day": "at the end of every month pay" was monthly
 * on the 3rd at 12:00 with the text "at the end of pay"; "every end of the month" was one
 * reminder with the text "every pay"; "twice daily pills" was once a day at 09:00 with the text
 * "twice pills"; "once a week on sunday" was one Sunday, a week on (13 Dec).
 */
describe('month ends and times per day, from the calendar', () => {
  // end of month: its last day, 17:00 unless a time is said (as "end of the month" once)
  const ends = [dec(31, 17), w(2027, 1, 31, 17), w(2027, 2, 28, 17), w(2027, 3, 31, 17)];
  it.each([
    ['at the end of every month pay rent', ends, 'pay rent'],
    ['end of each month pay rent', ends, 'pay rent'],
    ['every month end pay rent', ends, 'pay rent'],
    ['every end of the month pay rent', ends, 'pay rent'],
    ['at the end of each month at 9 pay rent', [dec(31, 9), w(2027, 1, 31, 9), w(2027, 2, 28, 9)], 'pay rent'],
    ['once a week on sunday call mum', [dec(6, 9), dec(13, 9), dec(20, 9)], 'call mum'],
    ['once a day at 8 pills', [dec(4, 8), dec(5, 8), dec(6, 8)], 'pills'],
    // like "weekly": a week from now, then every week
    ['call mum once a week', [dec(10, 12), dec(17, 12), dec(24, 12)], 'call mum'],
  ])('"%s"', (text, fires, task) => {
    expect(expectRead(text, fires, task).kind).toBe('recurring');
  });

  // how many times says nothing of when: asked, with times that do
  it.each([
    ['twice a day pills', 'twice a day'],
    ['twice daily pills', 'twice daily'],
    ['3 times a day pills', '3 times a day'],
    ['three times a day pills', 'three times a day'],
    ['every day twice pills', 'every day twice'],
    ['two times a week gym', 'two times a week'],
    ['twice a month pay', 'twice a month'],
  ])('"%s" is asked: which times?', (text, words) => {
    const r = parse(text, { now: NOW, timeZone: LONDON });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toContain(`"${words}"`);
    const again = parse(r.example!, { now: NOW, timeZone: LONDON });
    if (!again.ok) throw new Error(`${r.example}: ${again.error}`);
    expect(again.kind).toBe('recurring');
  });
});

/**
 * "the same time" is now's clock (12:00) on the day said: "same time on friday" was Fri 09:00
 * with the text "same time call", "same time every day" every day at 09:00, and "this time next
 * month" 1 Jan 09:00 (a month from now is 3 Jan 12:00).
 */
describe('"the same time" on another day is now\'s clock', () => {
  it.each([
    ['same time on friday call', [dec(4, 12)], 'call'],
    ['friday at the same time call', [dec(4, 12)], 'call'],
    ['same time every day call', [dec(4, 12), dec(5, 12)], 'call'],
    ['every day at the same time call', [dec(4, 12), dec(5, 12)], 'call'],
    ['every weekday at this time call', [dec(4, 12), dec(7, 12)], 'call'],
    ['this time next month call', [w(2027, 1, 3, 12)], 'call'],
    ['same time next year call', [w(2027, 12, 3, 12)], 'call'],
    // already read: the day after, a week on
    ['same time tomorrow call', [dec(4, 12)], 'call'],
    ['this time next week call', [dec(10, 12)], 'call'],
    // "the same time as" another event is not now's clock: left to the text
    ['tomorrow at 9 leave at the same time as bob', [dec(4, 9)], 'leave at the same time as bob'],
    ['tomorrow at 9 this time bring the charger', [dec(4, 9)], 'this time bring the charger'],
  ])('"%s"', (text, fires, task) => {
    expectRead(text, fires, task);
  });

  it('"tomorrow at 9 and at the same time on friday" is asked: 09:00, or now (12:00)?', () => {
    const r = parse('tomorrow at 9 and at the same time on friday call', { now: NOW, timeZone: LONDON });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain('12:00');
  });
});

/** "every jan 1 and jul 1" was yearly on Jan 1 and once on 1 Jul 2027: both dates are yearly. */
describe('several dates of a yearly repeat all repeat', () => {
  it.each([
    ['every jan 1 and jul 1 at 9am check the boiler', [w(2027, 1, 1, 9), w(2027, 7, 1, 9), w(2028, 1, 1, 9), w(2028, 7, 1, 9)]],
    ['every year on mar 1 and sep 1 check the boiler', [w(2027, 3, 1, 9), w(2027, 9, 1, 9), w(2028, 3, 1, 9), w(2028, 9, 1, 9)]],
    ['every jan 1 at 9 and jul 1 at 5 check the boiler', [w(2027, 1, 1, 9), w(2027, 7, 1, 17), w(2028, 1, 1, 9), w(2028, 7, 1, 17)]],
  ])('"%s"', (text, fires) => {
    expectRead(text, fires, 'check the boiler');
  });

  it('"every 2 years on jan 1 and jul 1" is asked: which of them steps 2 years?', () => {
    const r = parse('every 2 years on jan 1 and jul 1 check the boiler', { now: NOW, timeZone: LONDON });
    expect(r.ok).toBe(false);
  });
});

/** "same day next month" was the 1st of next month with the text "same day call". */
describe('"the same day" next week, month or year is today\'s date then', () => {
  it.each([
    ['same day next week call', [dec(10, 9)]],
    ['same day next month at 3 call', [w(2027, 1, 3, 15)]],
    ['on the same day next month call', [w(2027, 1, 3, 9)]],
    ['same day next year call', [w(2027, 12, 3, 9)]],
  ])('"%s"', (text, fires) => {
    expectRead(text, fires, 'call');
  });

  it('on 31 Jan "same day next month" (no 31 Feb) is refused, not moved', () => {
    const r = parse('same day next month call', { now: instantOf({ y: 2027, m: 1, d: 31 }, 12, 0, LONDON), timeZone: LONDON });
    expect(r.ok).toBe(false);
  });
});

/** "in a month" on 31 Jan lands on 28 Feb (no 31 Feb): it said nothing; now a caveat says so. */
describe("a span of months that lands past a month's end says so", () => {
  const JAN31 = instantOf({ y: 2027, m: 1, d: 31 }, 12, 0, LONDON);
  it.each([
    ['in a month call', w(2027, 2, 28, 12), 'no 31 Feb'],
    ['in 3 months call', w(2027, 4, 30, 12), 'no 31 Apr'],
  ])('"%s"', (text, first, words) => {
    const r = parse(text, { now: JAN31, timeZone: LONDON });
    if (!r.ok) throw new Error(r.error);
    expect(r.next[0]?.toISOString()).toBe(first);
    expect(r.caveats?.join(' ')).toContain(words);
  });

  it('"in 2 months" on 31 Jan lands on 31 Mar: nothing to say', () => {
    const r = parse('in 2 months call', { now: JAN31, timeZone: LONDON });
    if (!r.ok) throw new Error(r.error);
    expect(r.next[0]?.toISOString()).toBe(w(2027, 3, 31, 12));
    expect(r.caveats).toBeUndefined();
  });
});

/** Without "the", "last friday of next month" was refused as two reminders ("last" and "of"). */
describe('the nth weekday of a month, with or without "the"', () => {
  it.each([
    ['last friday of next month call', w(2027, 1, 29, 9)],
    ['first monday of next month call', w(2027, 1, 4, 9)],
    ['2nd tuesday of next month call', w(2027, 1, 12, 9)],
    ['last friday of january call', w(2027, 1, 29, 9)],
    ['the last friday of next month call', w(2027, 1, 29, 9)],
  ])('"%s"', (text, first) => {
    const r = parse(text, { now: NOW, timeZone: LONDON });
    if (!r.ok) throw new Error(`${text}: ${r.error}`);
    expect(r.next[0]?.toISOString()).toBe(first);
    expect(r.text).toBe('call');
  });
});

/**
 * A repeat of hours or minutes on one day: "every hour from 9 to 5 tomorrow" was every day
 * from 09:00 to 17:00 for good, plus a reminder at 09:00 tomorrow; "every 10 minutes today" was
 * every 10 minutes for good plus one at 09:00 today (already passed). Now the day bounds it.
 */
describe('a repeat of hours or minutes on one day ends with that day', () => {
  it.each([
    ['every hour from 9 to 5 tomorrow ping', dec(4, 9), dec(4, 17), 9],
    ['tomorrow every hour from 9 to 12 drink water', dec(4, 9), dec(4, 12), 4],
    ['every 30 minutes from 1am to 4am tomorrow ping', dec(4, 1), dec(4, 4), 7],
    // today: from now to the end of today
    ['every 2 hours today ping', dec(3, 14), dec(3, 22), 5],
  ])('"%s"', (text, first, last, count) => {
    const r = parse(text, { now: NOW, timeZone: LONDON });
    if (!r.ok) throw new Error(`${text}: ${r.error}`);
    const all = nextFires(r.schedule, r.timeZone, NOW, 50, r.bounds).map((d) => d.toISOString());
    expect(all[0]).toBe(first);
    expect(all[all.length - 1]).toBe(last);
    expect(all).toHaveLength(count);
  });

  it.each([
    'every hour from 9 to 5 tomorrow and friday ping',
    'every 2 hours from 10pm to 2am tomorrow ping',
    'every hour from 9 to 5 yesterday ping',
  ])('"%s" is refused, nothing guessed', (text) => {
    expect(parse(text, { now: NOW, timeZone: LONDON }).ok).toBe(false);
  });

  it('"every hour tomorrow" is asked: from when? (it was every hour from now, for good)', () => {
    const r = parse('every hour tomorrow ping', { now: NOW, timeZone: LONDON });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const again = parse(r.example!, { now: NOW, timeZone: LONDON });
    if (!again.ok) throw new Error(`${r.example}: ${again.error}`);
    expect(again.next[0]?.toISOString()).toBe(dec(4, 9));
  });
});

/** "for the next 3 days at 9 call" was one reminder at 21:00 with the text "for the next 3 days call". */
describe('a span said before the task, with no repeat, is asked: how often?', () => {
  it.each(['for the next 3 days at 9 call mum', 'remind me for the next 2 weeks at 9am to stretch'])('"%s"', (text) => {
    const r = parse(text, { now: NOW, timeZone: LONDON });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toContain('how often');
    expectRead(r.example!, [dec(4, 9), dec(5, 9), dec(6, 9)], 'call mum');
  });

  it('"tomorrow at 9 book the hotel for the next 3 days" keeps the span in the text', () => {
    expectRead('tomorrow at 9 book the hotel for the next 3 days', [dec(4, 9)], 'book the hotel for the next 3 days');
  });
});

/**
 * A bare weekday naming today: on Friday 4 Dec 2026 at 09:00 London, "friday at 5pm" was set
 * for Fri 11 Dec 17:00, a week late, while today 17:00 is still ahead. Chime asks, naming both
 * days; once the time has passed today there is one reading, next week's. "this friday" is
 * today's, "next friday" next week's; a repeat ("every friday") starts today when it can.
 * Calendar: 4 Dec 2026 is a Friday (and 6 Dec a Sunday); London is on GMT then.
 */
describe('a bare weekday naming today is asked while its time is ahead', () => {
  const FRI = (h: number, mi = 0, zone = LONDON) => instantOf({ y: 2026, m: 12, d: 4 }, h, mi, zone);
  const readAt = (now: Date, text: string, zone = LONDON) => parse(text, { now, timeZone: zone });

  it.each([
    // [request, the reading today, the example for today, next week's example, their fires]
    ['remind me friday at 5pm to send the report', 'send the report', 'today at 5pm', 'next friday at 5pm', dec(4, 17), dec(11, 17)],
    ['on friday at 17:30 send the report', 'send the report', 'today at 5:30pm', 'next friday at 5:30pm', dec(4, 17, 30), dec(11, 17, 30)],
    ['fri at 5 send the report', 'send the report', 'today at 5pm', 'next friday at 5pm', dec(4, 17), dec(11, 17)],
    ['coming friday at noon lunch', 'lunch', 'today at noon', 'next friday at noon', dec(4, 12), dec(11, 12)],
    // past today's end: tonight's, or next week's night (each written so it reads one way)
    ['friday at midnight call', 'call', 'tonight at midnight', 'on dec 12 at 00:00', dec(5, 0), dec(12, 0)],
    ['friday night at 2am call', 'call', 'tonight at 2am', 'on dec 12 at 02:00', dec(5, 2), dec(12, 2)],
    // no time said: the day's 09:00 is still ahead at 08:00
    ['remind me friday to send the report', 'send the report', 'today at 9am', 'next friday at 9am', dec(4, 9), dec(11, 9)],
  ])(
    '"%s" at 09:00 (08:00 for no time) names today and Fri 11 Dec; each example sets its day',
    (text, task, today, later, first, second) => {
      const now = text.includes(' at ') ? FRI(9) : FRI(8);
      const r = readAt(now, text);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error).toContain('Fri 4 Dec');
      expect(r.error).toContain('Fri 11 Dec');
      expect(r.error).toContain(`"${today}"`);
      expect(r.error).toContain(`"${later}"`);
      const again = readAt(now, r.example!);
      if (!again.ok) throw new Error(`${r.example}: ${again.error}`);
      expect(again.next.map((d) => d.toISOString())).toEqual([first]);
      expect(again.text).toBe(task);
      const other = readAt(now, r.example!.replace(today, later));
      if (!other.ok) throw new Error(`${later}: ${other.error}`);
      expect(other.next.map((d) => d.toISOString())).toEqual([second]);
      expect(other.text).toBe(task);
    },
  );

  it.each([
    // the time has passed today: next week's, no question
    ['friday at 5pm send the report', 18, [dec(11, 17)]],
    ['friday at 5pm send the report', 17, [dec(11, 17)]],
    ['friday at 8am send the report', 9, [dec(11, 8)]],
    // "this friday" on a Friday is today
    ['this friday at 5pm send the report', 9, [dec(4, 17)]],
    // "next friday" on a Friday is next week's (no Friday left in this week to be confused with)
    ['next friday at 5pm send the report', 9, [dec(11, 17)]],
    ['friday next week at 5pm send the report', 9, [dec(11, 17)]],
    // a repeat starts today when the time is ahead, next week when it has passed
    ['every friday at 5pm send the report', 9, [dec(4, 17), dec(11, 17), dec(18, 17)]],
    ['every friday at 5pm send the report', 18, [dec(11, 17), dec(18, 17)]],
    // another day than today is read as before
    ['saturday at 5pm send the report', 9, [dec(5, 17)]],
  ])('"%s" said at %s:00 on Friday is set for its day', (text, hour, fires) => {
    const r = readAt(FRI(hour), text);
    if (!r.ok) throw new Error(`${text}: ${r.error}`);
    expect(r.next.slice(0, fires.length).map((d) => d.toISOString())).toEqual(fires);
    expect(r.text).toBe('send the report');
  });

  it('"sunday at 8pm" on a Sunday in Tokyo is asked too (today 20:00 or Sun 13 Dec)', () => {
    const TOKYO = 'Asia/Tokyo';
    const now = instantOf({ y: 2026, m: 12, d: 6 }, 10, 0, TOKYO);
    const r = readAt(now, 'sunday at 8pm call', TOKYO);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toContain('Sun 13 Dec');
    const again = readAt(now, r.example!, TOKYO);
    if (!again.ok) throw new Error(again.error);
    expect(again.next[0]?.toISOString()).toBe(instantOf({ y: 2026, m: 12, d: 6 }, 20, 0, TOKYO).toISOString());
  });

  it('"this friday at 5pm" said on Friday at 18:00 has passed: refused, with next week\'s as the example', () => {
    const r = readAt(FRI(18), 'this friday at 5pm send the report');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toContain('passed');
    expect(r.error).toContain('Fri 11 Dec');
    const again = readAt(FRI(18), r.example!);
    if (!again.ok) throw new Error(`${r.example}: ${again.error}`);
    expect(again.next.map((d) => d.toISOString())).toEqual([dec(11, 17)]);
    expect(again.text).toBe('send the report');
  });

  it('"on friday at 5 and on saturday at 10" on a Friday morning is asked, not set for Sat and next Fri', () => {
    const r = readAt(FRI(9), 'on friday at 5pm and on saturday at 10am call');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain('Fri 11 Dec');
  });
});
