import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from '../../src/nl/parse.js';

const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Australia/Lord_Howe', 'America/Sao_Paulo', 'UTC', 'Asia/Kolkata'];
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const time = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 12 }), fc.constantFrom('am', 'pm')).map(([h, m]) => `${h}${m}`),
  fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
  fc.integer({ min: 1, max: 12 }).map(String),
  fc.constantFrom('noon', 'midnight'),
);

/** "midnight" on a named day is asked about (its start or its end?): not a valid one-off. */
const dayTime = time.filter((t) => t !== 'midnight');

const oncePhrase = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 50 }), fc.constantFrom('minutes', 'hours', 'days', 'weeks', 'months')).map(([n, u]) => `in ${n} ${u}`),
  fc.tuple(fc.constantFrom(...WEEKDAYS), dayTime).map(([d, t]) => `${d} at ${t}`),
  dayTime.map((t) => `tomorrow at ${t}`),
  time.map((t) => `at ${t}`),
  fc.tuple(fc.constantFrom(...MONTHS), fc.integer({ min: 1, max: 28 }), dayTime).map(([m, d, t]) => `on ${m} ${d} at ${t}`),
  fc.constantFrom(
    'tomorrow evening',
    'tomorrow morning',
    'next week',
    'next month',
    'eow',
    'eom',
    'eoy',
    'this weekend',
    'end of day',
    'tonight at midnight',
  ),
);

const recurringPhrase = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1, max: 60 }), fc.constantFrom('minutes', 'hours', 'days', 'weeks', 'months'))
    .map(([n, u]) => `every ${n} ${u}`),
  // (on named days "midnight" is asked about too: the start of the day or its end?)
  fc.tuple(fc.constantFrom(...WEEKDAYS), dayTime).map(([d, t]) => `every ${d} at ${t}`),
  fc.tuple(fc.constantFrom('day', 'other day'), time).map(([d, t]) => `every ${d} at ${t}`),
  fc.tuple(fc.constantFrom('weekday', 'weekend'), dayTime).map(([d, t]) => `every ${d} at ${t}`),
  fc.tuple(fc.integer({ min: 1, max: 28 }), dayTime).map(([d, t]) => `on the ${d}th of every month at ${t}`),
  fc.tuple(fc.constantFrom('first', 'second', 'last'), fc.constantFrom(...WEEKDAYS)).map(([n, d]) => `every ${n} ${d} of the month`),
  fc
    .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom('hourly', 'every 30 minutes', 'every 2 hours'))
    .map(([a, b, e]) => `${e} from ${a} to ${b} on weekdays`),
  fc.constantFrom('daily', 'weekly', 'monthly', 'yearly', 'biweekly', 'every year on dec 24'),
);

const now = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true });
const zone = fc.constantFrom(...ZONES);

describe('parse properties', () => {
  it('valid one-off phrases fire once, in the future', () => {
    fc.assert(
      fc.property(oncePhrase, now, zone, fc.constantFrom('remind me to stretch ', '', 'call bob '), (phrase, n, tz, prefix) => {
        // A yearless date that is today names today: once its time has passed it is rightly
        // rejected as past, so such draws say nothing about this property.
        const today = new Intl.DateTimeFormat('en-US', { timeZone: tz, month: 'short', day: 'numeric' }).format(n).toLowerCase();
        fc.pre(!phrase.startsWith(`on ${today} `));
        const r = parse(prefix + phrase, { now: n, timeZone: tz });
        // A weekday name that is today's, its time still ahead, is asked (today or next week?):
        // the question's example is then a reminder in the future.
        const weekday = new Intl.DateTimeFormat('en-US', { timeZone: tz, weekday: 'long' }).format(n).toLowerCase();
        if (!r.ok && phrase.startsWith(`${weekday} at `)) {
          expect(r.asksDay, `${phrase} @ ${n.toISOString()} ${tz}: ${r.error}`).toBe(true);
          const again = parse(r.example!, { now: n, timeZone: tz });
          expect(again.ok, `${r.example} @ ${n.toISOString()} ${tz}: ${again.ok ? '' : again.error}`).toBe(true);
          if (again.ok) expect(again.next[0]!.getTime()).toBeGreaterThan(n.getTime());
          return;
        }
        expect(r.ok, `${phrase} @ ${n.toISOString()} ${tz}: ${r.ok ? '' : r.error}`).toBe(true);
        if (!r.ok) return;
        expect(r.next[0]!.getTime()).toBeGreaterThan(n.getTime());
      }),
      { numRuns: Number(process.env.NL_PROP_RUNS ?? 300) },
    );
  });

  it('valid recurring phrases: first fire in the future, each next fire later than the one before', () => {
    fc.assert(
      fc.property(recurringPhrase, now, zone, (phrase, n, tz) => {
        const r = parse(phrase, { now: n, timeZone: tz });
        expect(r.ok, `${phrase} @ ${n.toISOString()} ${tz}: ${r.ok ? '' : r.error}`).toBe(true);
        if (!r.ok) return;
        expect(r.kind).toBe('recurring');
        expect(r.next.length).toBeGreaterThanOrEqual(4);
        expect(r.next[0]!.getTime()).toBeGreaterThan(n.getTime());
        for (let i = 1; i < r.next.length; i++) expect(r.next[i]!.getTime()).toBeGreaterThan(r.next[i - 1]!.getTime());
      }),
      { numRuns: Number(process.env.NL_PROP_RUNS ?? 300) },
    );
  });

  it('"midnight" on the named days of a repeat is asked; the example keeps the task and fires at 00:00 on the day after', () => {
    const named = fc.oneof(
      fc.constantFrom(...WEEKDAYS).map((d) => ({ words: `every ${d}`, days: [WEEKDAYS.indexOf(d)] })),
      fc.constant({ words: 'every weekday', days: [0, 1, 2, 3, 4] }),
      fc.constant({ words: 'every weekend', days: [5, 6] }),
    );
    fc.assert(
      fc.property(named, now, zone, ({ words, days }, n, tz) => {
        const r = parse(`remind me ${words} at midnight to water the plants`, { now: n, timeZone: tz });
        expect(r.ok).toBe(false);
        if (r.ok) return;
        const again = parse(r.example!, { now: n, timeZone: tz });
        expect(again.ok, `${r.example}: ${again.ok ? '' : again.error}`).toBe(true);
        if (!again.ok) return;
        expect(again.text).toBe('water the plants');
        // each fire, read on the zone's own wall clock (Intl), is 00:00 on the day after one of the days said (Monday = 0)
        const wall = new Intl.DateTimeFormat('en-GB', {
          timeZone: tz,
          weekday: 'long',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        });
        for (const fire of again.next) {
          const parts = Object.fromEntries(wall.formatToParts(fire).map((p) => [p.type, p.value]));
          const before = (WEEKDAYS.indexOf(parts.weekday!.toLowerCase()) + 6) % 7;
          expect(days, `${r.example}: ${fire.toISOString()}`).toContain(before);
          // (00:00 may not exist on a DST day; then the fire is later, and says so)
          if (!again.wallNotes?.some((w) => w.at.getTime() === fire.getTime())) expect(`${parts.hour}:${parts.minute}`).toBe('00:00');
        }
      }),
      { numRuns: Number(process.env.NL_PROP_RUNS ?? 300) },
    );
  });

  it('junk never throws: any string gives ok true or false', () => {
    const junk = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 100 }),
      fc.string({ unit: fc.constantFrom(...'.,;:!?@#$%^&*()[]{}<>/\\|-_+=~`\'"'), maxLength: 60 }),
      fc.bigInt().map((b) => `in ${b} minutes`),
      fc.double().map((d) => `every ${d} hours at ${d}`),
      fc
        .array(
          fc.constantFrom(
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
            '99:99',
            'dec',
            '31',
            '/',
            'tomorrow',
            'ago',
            '@',
          ),
          { maxLength: 12 },
        )
        .map((w) => w.join(' ')),
    );
    fc.assert(
      fc.property(junk, now, zone, (text, n, tz) => {
        const r = parse(text, { now: n, timeZone: tz });
        expect(typeof r.ok).toBe('boolean');
        if (r.ok) expect(r.next[0]!.getTime()).toBeGreaterThan(n.getTime());
      }),
      { numRuns: 500 },
    );
  });

  it('bad options are rejections, not exceptions', () => {
    expect(parse('at 5pm', { now: new Date(NaN), timeZone: 'Europe/Berlin' }).ok).toBe(false);
    expect(parse('at 5pm', { now: new Date(), timeZone: 'Mars/Olympus' }).ok).toBe(false);
    expect(parse(undefined as unknown as string, { now: new Date(), timeZone: 'UTC' }).ok).toBe(false);
    expect(parse('x'.repeat(100_000), { now: new Date(), timeZone: 'UTC' }).ok).toBe(false);
  });
});
