/**
 * Requests built from the calendar, checked against instants worked out independently (Intl
 * and day arithmetic in civil-calendar.ts, never the parser): what the chat layer sets (the
 * job's instant and its text) must be what the words say, or nothing at all. Clocks are drawn
 * around the changes of America/New_York (14 Mar, 7 Nov 2027) and Europe/London (28 Mar, 31 Oct
 * 2027), month and year ends and 29 Feb 2028. Conventions (src/nl/README.md): a date without a
 * time is 09:00; a weekday is the first such day after today, except today's own: "this friday"
 * on a Friday is today, and a bare "friday" is asked while its time is ahead today; a bare hour
 * with a date is 7–11 morning, 12 noon, 1–6 afternoon; noon 12:00, midnight (tonight's) the coming 00:00,
 * tonight 20:00, end of month its last day 17:00; a yearless date or "the 5th" is its next
 * occurrence; days keep the wall clock, hours are exact; a skipped wall time moves forward by
 * the jump, a repeated one is the first.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALICE_DM, makeChat } from './harness.js';
import { addDays, daysInMonth, instantOf, type Wall, wallOf } from './civil-calendar.js';

const RUNS = Number(process.env.CHAT_PROP_RUNS ?? 60);
const ZONES = ['America/New_York', 'Europe/London'];
const ANCHORS = [
  '2027-03-14T07:00:00Z', // New York springs forward (02:00 EST -> 03:00 EDT)
  '2027-11-07T06:00:00Z', // New York falls back (02:00 EDT -> 01:00 EST)
  '2027-03-28T01:00:00Z', // London springs forward (01:00 GMT -> 02:00 BST)
  '2027-10-31T01:00:00Z', // London falls back (02:00 BST -> 01:00 GMT)
  '2026-12-31T12:00:00Z', // year end
  '2027-01-31T12:00:00Z', // month end (31 days)
  '2027-02-28T12:00:00Z', // February end
  '2028-02-28T12:00:00Z', // leap day ahead
  '2027-04-30T12:00:00Z', // month end (30 days)
].map((s) => new Date(s).getTime());
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A clock time as written and the 24-hour time it means; `bare`: no am/pm (placed by the convention). */
interface Clock {
  words: string;
  h: number;
  mi: number;
  /** No am/pm and no leading zero ("10:30"): alone it is the next such time on a 12-hour face. */
  bare?: true;
}

const h12 = fc.integer({ min: 1, max: 12 });
const pm = fc.boolean();
const to24 = (h: number, isPm: boolean) => (h % 12) + (isPm ? 12 : 0);
const clock: fc.Arbitrary<Clock> = fc.oneof(
  fc.tuple(h12, pm).map(([h, p]) => ({ words: `${h}${p ? 'pm' : 'am'}`, h: to24(h, p), mi: 0 })),
  fc
    .tuple(h12, fc.integer({ min: 1, max: 59 }), pm)
    .map(([h, mi, p]) => ({ words: `${h}:${String(mi).padStart(2, '0')} ${p ? 'pm' : 'am'}`, h: to24(h, p), mi })),
  // "09:30", "00:15", "17:45" are 24-hour times; "10:30" to "12:59" have no leading zero to tell
  fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, mi]) => ({
    words: `${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`,
    h,
    mi,
    ...(h >= 10 && h <= 12 ? { bare: true as const } : {}),
  })),
  fc.tuple(h12, pm).map(([h, p]) => ({ words: `half past ${h} ${p ? 'pm' : 'am'}`, h: to24(h, p), mi: 30 })),
  fc
    .tuple(fc.integer({ min: 2, max: 11 }), pm)
    .map(([h, p]) => ({ words: `quarter to ${h} ${p ? 'pm' : 'am'}`, h: to24(h, p) - 1, mi: 45 })),
  fc.constantFrom<Clock>({ words: 'noon', h: 12, mi: 0 }, { words: '12am', h: 0, mi: 0 }, { words: '12pm', h: 12, mi: 0 }),
  // British "half 5pm" is 17:30; "20 past 4 pm", "5 to 9am" (after "at"), "ten to midnight", "quarter past noon"
  fc.tuple(h12, pm).map(([h, p]) => ({ words: `half ${h}${p ? 'pm' : 'am'}`, h: to24(h, p), mi: 30 })),
  fc
    .tuple(fc.integer({ min: 1, max: 29 }), h12, pm)
    .map(([n, h, p]) => ({ words: `${n} past ${h} ${p ? 'pm' : 'am'}`, h: to24(h, p), mi: n })),
  fc
    .tuple(fc.integer({ min: 1, max: 29 }), fc.integer({ min: 2, max: 11 }), pm)
    .map(([n, h, p]) => ({ words: `${n} to ${h}${p ? 'pm' : 'am'}`, h: to24(h, p) - 1, mi: 60 - n })),
  fc.constantFrom<Clock>(
    { words: 'ten to midnight', h: 23, mi: 50 },
    { words: 'quarter to midnight', h: 23, mi: 45 },
    { words: 'quarter past noon', h: 12, mi: 15 },
  ),
);
/** A bare hour after a date: 7–11 morning, 12 noon, 1–6 afternoon. */
const bareWithDate: fc.Arbitrary<Clock> = fc.oneof(
  h12.map((h) => ({ words: String(h), h: h >= 7 && h <= 12 ? h : h + 12, mi: 0, bare: true as const })),
  // British "half 5": 5:30, a bare hour as "5:30" would be
  h12.map((h) => ({ words: `half ${h}`, h: h >= 7 && h <= 12 ? h : h + 12, mi: 30, bare: true as const })),
);

type Day = { y: number; m: number; d: number };
/** What a phrase means at a given now and zone: the instant, or undefined when the draw says nothing (today's date). */
type Expect = (now: Date, today: Wall, zone: string) => Date | undefined;
interface When {
  words: string;
  expect: Expect;
  /** A repeat: its first fire is checked (the job's next run). */
  repeat?: true;
}

const at = (day: Day, c: Clock, zone: string) => instantOf(day, c.h, c.mi, zone);
const nextWeekday = (today: Wall, wd: number) => addDays(today, ((wd - today.wd + 6) % 7) + 1);

const when: fc.Arbitrary<When> = fc.oneof(
  // "on friday at 5pm", "this friday at 5pm": the first friday after today; "next friday" too
  // when that day is in next week (weeks from Monday); in this week it is asked (next-weekday.test.ts).
  // Today's weekday: "this friday" is today (refused once passed); "friday" is next week's once
  // its time has passed today, and asked while ahead (weekday-today.test.ts)
  fc.tuple(fc.constantFrom('on ', 'next ', 'this ', ''), fc.integer({ min: 0, max: 6 }), fc.oneof(clock, bareWithDate)).map(
    ([lead, wd, c]): When => ({
      words: `${lead}${WEEKDAYS[wd]} at ${c.words}`,
      expect: (n, t, z) => {
        const day = nextWeekday(t, wd);
        const inThisWeek = (t.wd || 7) + ((wd - t.wd + 6) % 7) + 1 <= 7;
        if (lead === 'next ') return inThisWeek ? undefined : at(day, c, z);
        if (wd !== t.wd) return at(day, c, z);
        const ahead = at(t, c, z).getTime() > n.getTime();
        if (lead === 'this ') return ahead ? at(t, c, z) : undefined;
        return ahead ? undefined : at(day, c, z);
      },
    }),
  ),
  fc.oneof(clock, bareWithDate).map((c): When => ({ words: `tomorrow at ${c.words}`, expect: (_n, t, z) => at(addDays(t, 1), c, z) })),
  // a time alone: today if still ahead, else tomorrow; a bare hour the next on a 12-hour face
  fc.oneof(clock, bareWithDate).map(
    (c): When => ({
      words: `at ${c.words}`,
      expect: (n, t, z) => {
        const hours = c.bare ? [c.h % 12, (c.h % 12) + 12] : [c.h];
        const candidates = [0, 1].flatMap((days) => hours.map((h) => at(addDays(t, days), { ...c, h }, z)));
        return candidates.filter((d) => d.getTime() > n.getTime()).sort((a, b) => a.getTime() - b.getTime())[0];
      },
    }),
  ),
  fc.constant<When>({ words: 'at midnight', expect: (_n, t, z) => instantOf(addDays(t, 1), 0, 0, z) }),
  // (not "tomorrow at midnight": on a named day midnight may be its start or its end, and is asked about)
  fc.constant<When>({ words: 'tonight at midnight', expect: (_n, t, z) => instantOf(addDays(t, 1), 0, 0, z) }),
  // "at 10 past midnight": the coming 00:10 (it was refused: "past which hour?")
  fc.integer({ min: 1, max: 29 }).map(
    (n): When => ({
      words: `at ${n} past midnight`,
      expect: (now, t, z) => [t, addDays(t, 1)].map((day) => instantOf(day, 0, n, z)).find((d) => d.getTime() > now.getTime()),
    }),
  ),
  // "tonight at 1am" said in the daytime: the coming 01:00, tomorrow's (it was refused as passed);
  // in the small hours it is asked, not drawn
  fc
    .integer({ min: 1, max: 4 })
    .map((h): When => ({ words: `tonight at ${h}am`, expect: (_n, t, z) => (t.h >= 6 ? instantOf(addDays(t, 1), h, 0, z) : undefined) })),
  // "mon to fri at 9am": every weekday (it was once on Friday, "mon to" left in the text)
  clock.map(
    (c): When => ({
      words: `mon to fri at ${c.words}`,
      repeat: true,
      expect: (n, t, z) =>
        [0, 1, 2, 3, 4, 5, 6, 7]
          .map((k) => addDays(t, k))
          .filter((day) => day.wd >= 1 && day.wd <= 5)
          .map((day) => at(day, c, z))
          .find((d) => d.getTime() > n.getTime()),
    }),
  ),
  // tonight is 20:00 today: only drawn while it is ahead
  fc.constant<When>({ words: 'tonight', expect: (_n, t, z) => (t.h < 19 ? instantOf(t, 20, 0, z) : undefined) }),
  fc.integer({ min: 1, max: 48 }).map(
    (n): When => ({
      words: `in ${n} hour${n > 1 ? 's' : ''}`,
      expect: (now) => new Date(Math.floor(now.getTime() / 1000) * 1000 + n * 3_600_000),
    }),
  ),
  fc.integer({ min: 1, max: 40 }).map(
    (n): When => ({
      words: `in ${n} day${n > 1 ? 's' : ''}`,
      expect: (_now, t, z) => instantOf(addDays(t, n), t.h, t.mi, z, t.s),
    }),
  ),
  // "on march 14 at 2:30am", "on 1 april": the next such date, never today (today may have passed)
  fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.option(clock), fc.boolean()).map(
    ([m, d, c, dayFirst]): When => ({
      words: `on ${dayFirst ? `${d} ${MONTHS[m - 1]}` : `${MONTHS[m - 1]} ${d}`}${c ? ` at ${c.words}` : ''}`,
      expect: (_n, t, z) => {
        if (t.m === m && t.d === d) return undefined;
        const y = t.m < m || (t.m === m && t.d < d) ? t.y : t.y + 1;
        if (d > daysInMonth(y, m)) return undefined; // "feb 29" in a common year is refused: another property
        return at({ y, m, d }, c ?? { words: '', h: 9, mi: 0 }, z);
      },
    }),
  ),
  // "on the 1st", "the 15th at 9pm": the next such day of a month
  fc.tuple(fc.integer({ min: 1, max: 28 }), fc.option(clock)).map(
    ([d, c]): When => ({
      words: `on the ${d}${d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th'}${c ? ` at ${c.words}` : ''}`,
      expect: (_n, t, z) => {
        if (t.d === d) return undefined;
        const day = t.d < d ? { y: t.y, m: t.m, d } : t.m === 12 ? { y: t.y + 1, m: 1, d } : { y: t.y, m: t.m + 1, d };
        return at(day, c ?? { words: '', h: 9, mi: 0 }, z);
      },
    }),
  ),
  fc.constant<When>({
    words: 'end of month',
    expect: (_n, t, z) => (t.d === daysInMonth(t.y, t.m) ? undefined : instantOf({ y: t.y, m: t.m, d: daysInMonth(t.y, t.m) }, 17, 0, z)),
  }),
  // the time before the day: "at 5pm tomorrow"
  clock.map((c): When => ({ words: `at ${c.words} tomorrow`, expect: (_n, t, z) => at(addDays(t, 1), c, z) })),
  fc.integer({ min: 1, max: 600 }).map(
    (n): When => ({
      words: `in ${n} minute${n > 1 ? 's' : ''}`,
      expect: (now) => new Date(Math.floor(now.getTime() / 1000) * 1000 + n * 60_000),
    }),
  ),
  fc.integer({ min: 1, max: 10 }).map(
    (n): When => ({
      words: `in ${n} week${n > 1 ? 's' : ''}`,
      expect: (_now, t, z) => instantOf(addDays(t, 7 * n), t.h, t.mi, z, t.s),
    }),
  ),
  // Monday of next week (Monday–Sunday weeks), 09:00
  fc.constant<When>({ words: 'next week', expect: (_n, t, z) => instantOf(addDays(t, 8 - (t.wd || 7)), 9, 0, z) }),
  // Saturday 09:00; on a weekend day "this weekend" has begun: not drawn
  fc.constant<When>({
    words: 'this weekend',
    expect: (_n, t, z) => (t.wd === 0 || t.wd === 6 ? undefined : instantOf(addDays(t, 6 - t.wd), 9, 0, z)),
  }),
  // an ISO date this year or next, 09:00 or at a time; past ones are not drawn
  fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.option(clock)).map(
    ([dy, m, d, c]): When => ({
      words: `on {Y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}${c ? ` at ${c.words}` : ''}`.replace(
        '{Y}',
        String(2027 + dy),
      ),
      expect: (n, _t, z) => {
        const fire = at({ y: 2027 + dy, m, d }, c ?? { words: '', h: 9, mi: 0 }, z);
        return fire.getTime() > n.getTime() + 86_400_000 ? fire : undefined;
      },
    }),
  ),
  // repeats: the first fire
  fc.tuple(fc.integer({ min: 0, max: 6 }), clock).map(
    ([wd, c]): When => ({
      words: `every ${WEEKDAYS[wd]} at ${c.words}`,
      repeat: true,
      expect: (n, t, z) =>
        [0, 1, 2, 3, 4, 5, 6, 7]
          .map((k) => addDays(t, k))
          .filter((day) => day.wd === wd)
          .map((day) => at(day, c, z))
          .find((d) => d.getTime() > n.getTime()),
    }),
  ),
  clock.map(
    (c): When => ({
      words: `every day at ${c.words}`,
      repeat: true,
      expect: (n, t, z) => [at(t, c, z), at(addDays(t, 1), c, z)].find((d) => d.getTime() > n.getTime()),
    }),
  ),
);

/** Task texts that hold numbers and words the time grammar knows; each must come back verbatim. */
const PLAIN_TASKS = [
  'read chapter 3',
  'buy 2 eggs',
  'call room 5',
  'check in at the front desk',
  'put on the kettle',
  'water the plants in the garden',
  'ask about every invoice',
  'read the sunday paper',
  'print 10 copies',
  'fix bug 1234',
  'plan every detail',
  'review the q4 numbers',
  'go over the 3 points at work',
  'reserve 2 nights at the inn',
  'log in at work',
  'pick up 3 parcels at the post office',
  'call the 24 hour pharmacy',
  'do 20 minutes of yoga',
  'finish section 2.3',
  'meet sam at the station',
  'tidy up every room',
  'watch episode 4',
  'plan the new year party',
  'book a 2 night stay',
  'read the friday notes',
];
/** Task texts naming a day the task is for: only after the time ("at noon to order the cake for saturday"). */
const DATED_TASKS = [
  'order the cake for saturday',
  'pay the bill due on the 15th',
  'finish the report by friday',
  'book flights for march 3',
  'prepare the friday slides',
  "prepare for monday's meeting",
  'buy a gift for christmas',
  'pay the 2nd installment',
  'buy a sunday roast',
];

const request = fc.oneof(
  fc
    .tuple(when, fc.constantFrom(...PLAIN_TASKS, ...DATED_TASKS))
    .map(([w, task]) => ({ w, task, text: `remind me ${w.words} to ${task}`, asked: false })),
  // "read chapter 3 tonight": is 3 the hour? Asked, never read either way.
  fc.tuple(when, fc.constantFrom(...PLAIN_TASKS)).map(([w, task]) => ({
    w,
    task,
    text: `remind me to ${task} ${w.words}`,
    asked: /[a-z] (?:[1-9]|1[0-2])$/.test(task) && w.words === 'tonight',
  })),
);
const now = fc
  .tuple(fc.constantFrom(...ANCHORS), fc.integer({ min: -4 * 24 * 60, max: 4 * 24 * 60 }), fc.integer({ min: 1, max: 59 }))
  .map(([anchor, minutes, s]) => new Date(anchor + minutes * 60_000 + s * 1000));

describe('requests built from the calendar: the chat sets the instant and the text they say', () => {
  it(
    'each request is set for the worked-out instant with the task as its text',
    async () => {
      await fc.assert(
        fc.asyncProperty(request, now, fc.constantFrom(...ZONES), async ({ w, task, text, asked }, n, zone) => {
          const expected = w.expect(n, wallOf(n, zone), zone);
          fc.pre(expected !== undefined);
          const t = makeChat({ start: n.toISOString() });
          await t.say(ALICE_DM, `/tz ${zone}`);
          const reply = await t.sayText(ALICE_DM, text);
          const jobs = [...t.scheduler.jobs.values()];
          const where = `"${text}" at ${n.toISOString()} in ${zone}: ${reply}`;
          if (asked) {
            expect(reply, where).toContain('the time, or part of the text');
            expect(jobs, where).toHaveLength(0);
            return;
          }
          expect(jobs, where).toHaveLength(1);
          expect(jobs[0]!.payload, where).toEqual({ text: task });
          if (w.repeat) expect(jobs[0]!.nextRunAt, where).toEqual(expected);
          else expect(jobs[0]!.schedule, where).toEqual({ kind: 'once', at: expected });
        }),
        { numRuns: RUNS },
      );
    },
    10_000 + RUNS * 100,
  );
});

describe('misreadings the generator found (Chicago, Thu 3 Dec 2026 10:00 CST = 16:00 UTC)', () => {
  async function chicago() {
    const t = makeChat({ start: '2026-12-03T16:00:00Z' });
    await t.say(ALICE_DM, '/tz America/Chicago');
    return t;
  }

  it.each([
    // was Fri 20:00 with the text "reserve 2 at the inn": "nights" after a count is no day part
    ['remind me tomorrow to reserve 2 nights at the inn', 'reserve 2 nights at the inn', '2026-12-04T15:00:00.000Z'],
    // was today 17:00 with the text "on dec to pick up the tree": 5 is the day of "dec", the evening 18:00
    ['remind me on dec 5 in the evening to pick up the tree', 'pick up the tree', '2026-12-06T00:00:00.000Z'],
    // was 15:00 with the text "finish section 2.": "3" of "2.3" is no hour; tonight is 20:00 CST
    ['remind me to finish section 2.3 tonight', 'finish section 2.3', '2026-12-04T02:00:00.000Z'],
    // were refused as "two reminders" ("pay" and "installment"): a day between an article and a noun names a thing
    ['remind me tomorrow at 9 to pay the 2nd installment', 'pay the 2nd installment', '2026-12-04T15:00:00.000Z'],
    ['remind me tomorrow at 9 to buy a sunday roast', 'buy a sunday roast', '2026-12-04T15:00:00.000Z'],
    // was 01:01 with the text "pm to file the taxes": 13:01 CST on Mon 1 Mar 2027 = 19:01 UTC
    ['remind me on 2027-03-01 at 1:01 pm to file the taxes', 'file the taxes', '2027-03-01T19:01:00.000Z'],
    // was two fires, 16:00 and 20:00, with the text "watch episode"
    ['remind me to watch episode 4 tonight at 8', 'watch episode 4', '2026-12-04T02:00:00.000Z'],
    // was Fri 1 Jan 17:00 with the text "plan party": the holiday names the party
    ['remind me at 5pm to plan the new year party', 'plan the new year party', '2026-12-03T23:00:00.000Z'],
    // and a day after the time is still the day: Tue 15 Dec 17:00 CST
    ['remind me at 5 the 15th call the bank', 'call the bank', '2026-12-15T23:00:00.000Z'],
  ])('"%s" is set with the text "%s" at %s', async (request, text, at) => {
    const t = await chicago();
    await t.say(ALICE_DM, request);
    const jobs = [...t.scheduler.jobs.values()];
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.payload).toEqual({ text });
    expect(jobs[0]!.schedule).toEqual({ kind: 'once', at: new Date(at) });
  });

  it('"buy the christmas tree" alone is asked about (it was Fri 25 Dec 09:00 with the text "buy tree"); the example works', async () => {
    const t = await chicago();
    const reply = await t.sayText(ALICE_DM, 'remind me to buy the christmas tree');
    expect(reply).toContain('"christmas tree" names a thing, not the day to remind you');
    expect(t.scheduler.jobs.size).toBe(0);
    const example = /Example: (.*)/.exec(reply)![1]!;
    await t.say(ALICE_DM, example);
    const jobs = [...t.scheduler.jobs.values()];
    expect(jobs[0]!.payload).toEqual({ text: 'buy the christmas tree' });
    expect(jobs[0]!.schedule).toEqual({ kind: 'once', at: new Date('2026-12-04T15:00:00.000Z') }); // Fri 09:00 CST
  });

  it('"read chapter 3 tonight" is asked about (it was 15:00 with the text "read chapter"); the example keeps the 3 and works', async () => {
    const t = await chicago();
    const reply = await t.sayText(ALICE_DM, 'remind me to read chapter 3 tonight');
    expect(reply).toContain('Is "3" after "chapter" the time, or part of the text ("chapter 3")?');
    expect(t.scheduler.jobs.size).toBe(0);
    const example = /Example: (.*)/.exec(reply)![1]!;
    expect(example).toBe('remind me to read chapter 3 at 8pm');
    await t.say(ALICE_DM, example);
    const jobs = [...t.scheduler.jobs.values()];
    expect(jobs[0]!.payload).toEqual({ text: 'read chapter 3' });
    expect(jobs[0]!.schedule).toEqual({ kind: 'once', at: new Date('2026-12-04T02:00:00.000Z') }); // 20:00 CST
  });
});
