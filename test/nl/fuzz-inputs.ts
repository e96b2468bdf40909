/**
 * Generated parser inputs, shared by the fuzz bench (bench/parse-fuzz.ts, 100,000 of them) and
 * the property test (test/nl/parse-fuzz.property.test.ts): time phrases the grammar reads,
 * reminder words that hold no time word, junk, unicode, long strings and numbers, combined
 * at random. Deterministic for a seed.
 */

/** Time phrases of every family the grammar reads (one-off, recurring, bounds, zones, holidays, months). */
export const TIME_PHRASES = [
  'tomorrow at 9',
  'in 20 minutes',
  'in 2h30m',
  'in 3 days',
  'in a fortnight',
  'next friday at noon',
  'monday 8am',
  'on dec 24 at 6pm',
  '24/12',
  '2027-12-01 14:00',
  'at 5pm',
  'at 17:30',
  'tonight',
  'tomorrow morning',
  'this evening',
  'end of day',
  'eow',
  'eom',
  'eoy',
  'tmrw at 9',
  '2moro 5pm',
  'nxt week',
  '@ 5',
  'at 3pm London time',
  '9am EST',
  '72hr',
  '1y 1mo 2 days',
  'christmas eve',
  'every day at 9',
  'every weekday at 9',
  'every monday and thursday at 18:00',
  'every 2 weeks on tuesday',
  'biweekly on thursdays at 4pm',
  'every other day',
  'every first monday of the month',
  'last friday of every month',
  'on the 1st and 15th of every month',
  'every 1st and 15th at 9am',
  'every year on dec 24',
  'every 3rd monday of october at 10',
  'hourly from 9 to 5 on weekdays',
  'daily',
  'every 30 minutes',
  'every 4 months',
  'every day at 9 starting next monday',
  'every day at 9am and 9pm',
  'every hour until 6 pm',
  'every 8 hours for 5 times',
  'every sunday at 5pm for 8 weeks',
  'every day at 8 until dec 31',
  'on wednesday at 3 pm and on saturday at 10 am',
  'every monday at 10am until january',
  'every day in january at 9',
  'in january',
  'in march',
  'next march',
  'easter',
  'thanksgiving',
  "mother's day",
  'memorial day',
  'good friday at 10',
  'at 0930h',
  '9h30',
  'at 1730',
  'in 90 seconds',
  '15 minutes before 5pm',
  'friday after next at 9am',
  'this weekend',
  'the day after tomorrow at 7',
  'at quarter past 3',
  'every 45 minutes between 9 and 5',
  'every weekend at 11am',
  'every evening',
  'at 2:30am',
  'in 1.5h',
  'at 10 past midnight',
  'tonight at 1am',
  'mon to fri at 9',
  'every 3rd day at 9',
  'every 20 minutes from 10:30pm to 1:10am',
  'every 30 minutes from 11pm to 1:30am on fridays',
  'around 5ish',
  'tomorrow-ish',
  'on monday next at 9',
];

/** Phrases that must be rejected or read as a whole, never half-read. */
export const TRAP_PHRASES = [
  'yesterday at 5',
  'last tuesday at 9',
  'feb 30',
  'at 25:00',
  'at 13pm',
  'in 10',
  'mrach 5',
  'thrday',
  'dec 24 at 9 2027',
  '9.30',
  '0930',
  'jeden Montag um 7:30 Uhr',
  'demain à 9h',
  'mañana a las 9',
  'завтра в 9',
  '明日9時',
  'every 10 seconds',
  'in 6 years',
  'diwali',
  'every easter',
  'cron:* * * * * *',
  'every 0 days',
  'in -5 minutes',
  'at 99:99',
];

/**
 * Reminder words with no time word, digit or month/weekday name in them, and no article or
 * preposition ("the biweekly", "from tomorrow" are read differently on purpose).
 */
export const TEXT_WORDS = [
  'call',
  'mom',
  'buy',
  'milk',
  'water',
  'plants',
  'check',
  'oven',
  'pay',
  'rent',
  'submit',
  'report',
  'stretch',
  'dentist',
  'gym',
  'standup',
  'review',
  'sync',
  'team',
  'feed',
  'cat',
  'pick',
  'up',
  'kids',
  'school',
  'ship',
  'release',
  'notes',
  'email',
  'bob',
  'alice',
  'laundry',
  'groceries',
  'taxes',
  'passport',
  'renew',
  'book',
  'hotel',
  'backup',
  'server',
  'take',
  'pills',
  'read',
  'chapter',
  'practice',
  'piano',
  'clean',
  'kitchen',
  'garden',
  'bills',
];

const JUNK_CHARS = [
  ...'.,;:!?@#$%^&*()[]{}<>/\\|-_+=~`\'"',
  '\u200b',
  '\u200e',
  '\u202e',
  '\ufeff',
  '\u0301',
  '\t',
  '\n',
  '\r\n',
  '\u00a0',
  'é',
  'ß',
  'ø',
  'İ',
  'ı',
  'Σ',
  'ж',
  'ע',
  'ع',
  '中',
  '日',
  '한',
  '🙂',
  '👍🏽',
  '🇩🇪',
  '\ud800',
  '\udfff',
  '𝟗',
  '٣',
  '९',
];

/** A small deterministic random generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

function words(r: () => number, n: number): string {
  return Array.from({ length: n }, () => pick(r, TEXT_WORDS)).join(' ');
}

function junk(r: () => number, n: number): string {
  return Array.from({ length: n }, () => pick(r, JUNK_CHARS)).join('');
}

function number(r: () => number): string {
  const kinds = [
    () => String(Math.floor(r() * 100)),
    () => String(Math.floor(r() * 1e6)),
    () => (r() * 1000).toFixed(Math.floor(r() * 4)),
    () => `-${Math.floor(r() * 100)}`,
    () => '9'.repeat(1 + Math.floor(r() * 40)),
    () => `${Math.floor(r() * 24)}:${String(Math.floor(r() * 60)).padStart(2, '0')}`,
    () => `${Math.floor(r() * 40)}/${Math.floor(r() * 40)}/${Math.floor(r() * 3000)}`,
    () => '1e308',
  ];
  return pick(r, kinds)();
}

/** One generated input: a mix chosen at random (phrases with text, junk, unicode, long strings, numbers). */
export function fuzzInput(r: () => number): string {
  const kind = r();
  if (kind < 0.35) {
    const phrase = pick(r, TIME_PHRASES);
    const text = words(r, 1 + Math.floor(r() * 5));
    return r() < 0.5 ? `remind me to ${text} ${phrase}` : `${phrase} ${text}`;
  }
  if (kind < 0.45) return `${pick(r, TIME_PHRASES)} and ${pick(r, TIME_PHRASES)} ${words(r, 2)}`;
  if (kind < 0.55) return `${pick(r, TRAP_PHRASES)} ${words(r, 2)}`;
  if (kind < 0.65) return `${pick(r, TIME_PHRASES)} ${junk(r, 1 + Math.floor(r() * 30))} ${words(r, 2)}`;
  if (kind < 0.72) return junk(r, Math.floor(r() * 200));
  if (kind < 0.8)
    return `${pick(r, ['in', 'at', 'every', 'on', 'for', 'until'])} ${number(r)} ${pick(r, ['minutes', 'hours', 'days', 'pm', '', 'times', 'of dec'])} ${words(r, 2)}`;
  if (kind < 0.86) {
    // long: up to and a little over the reading limit
    const target = Math.floor(r() * 2300);
    let s = pick(r, TIME_PHRASES);
    while (s.length < target) s += ` ${r() < 0.2 ? pick(r, TIME_PHRASES) : pick(r, TEXT_WORDS)}`;
    return s;
  }
  if (kind < 0.92) {
    const phrase = pick(r, TIME_PHRASES);
    return r() < 0.5 ? phrase.toUpperCase() : phrase.replace(/ /g, () => pick(r, ['  ', '\t', ' \u00a0', ' ']));
  }
  return Array.from({ length: 1 + Math.floor(r() * 12) }, () =>
    pick(r, [
      'every',
      'at',
      'in',
      'on',
      'the',
      '5',
      'pm',
      'monday',
      'of',
      'and',
      'until',
      'for',
      'times',
      'dec',
      '31',
      '/',
      'tomorrow',
      'ago',
      '@',
      'last',
      'next',
      'january',
      'easter',
      'biweekly',
      'weekly',
      'from',
      'to',
      'h',
      '.',
      ':',
      '2027',
      '0930',
    ]),
  ).join(' ');
}

/** Reference instants: ordinary ones, DST changes, month and year ends, a leap day. */
export const FUZZ_NOWS = [
  '2026-11-22T09:00:00Z',
  '2027-03-14T06:59:30Z',
  '2027-03-28T00:30:00Z',
  '2027-10-31T00:59:59Z',
  '2027-11-07T05:30:00Z',
  '2026-12-31T23:59:59Z',
  '2027-01-31T12:00:00Z',
  '2028-02-29T08:00:00Z',
  '2030-06-15T18:45:00Z',
  '9999-12-31T20:00:00Z',
].map((s) => new Date(s));

export const FUZZ_ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Asia/Tokyo',
  'Australia/Lord_Howe',
  'America/Sao_Paulo',
  'UTC',
  'Asia/Kolkata',
  'Europe/London',
  'America/Toronto',
  'Pacific/Chatham',
];
