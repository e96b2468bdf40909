/**
 * A clock time the task is due by ("send the weekly report by 5pm") is not when to remind:
 * reminding at it comes too late. With another clock time it stays in the text; as the only
 * one it is asked about, with an example that works. A day after an event's noun ("the meeting
 * on monday") next to a bare clock time may be the meeting's or the reminder's: asked about,
 * with both readings. A person in Europe/London, today Thursday 3 Dec 2026 10:00 GMT; the
 * instants below come from Intl (civil-calendar.ts), not from the parser.
 */
import { describe, expect, it } from 'vitest';
import { instantOf } from './civil-calendar.js';
import { ALICE_DM, chatInZone } from './harness.js';

const ZONE = 'Europe/London';
const THU = { y: 2026, m: 12, d: 3 };
const FRI = { y: 2026, m: 12, d: 4 };
const MON = { y: 2026, m: 12, d: 7 };
const at = (day: typeof THU, h: number, mi = 0) => instantOf(day, h, mi, ZONE);

const london = () => chatInZone(ZONE, '2026-12-03T10:00:00Z');

type Chat = Awaited<ReturnType<typeof london>>;

function onlyJob(t: Chat) {
  const jobs = [...t.scheduler.jobs.values()];
  expect(jobs).toHaveLength(1);
  return jobs[0]!;
}

/** Says `request`, expects a job with `text` whose first fire is `first`. */
async function setsJob(t: Chat, request: string, text: string, first: Date) {
  const reply = await t.sayText(ALICE_DM, request);
  expect(reply, request).toContain('Reminder set');
  const job = onlyJob(t);
  expect(job.payload).toEqual({ text });
  expect(job.nextRunAt!.toISOString()).toBe(first.toISOString());
  return job;
}

describe('a clock time the task is due by, as the only one, is asked about', () => {
  it('"every friday to send the weekly report by 5pm" asks when; its example is every Friday 15:00 with the whole task', async () => {
    const t = await london();
    const reply = await t.sayText(ALICE_DM, 'remind me every friday to send the weekly report by 5pm');
    expect(reply).toContain('"by 5pm" reads as when the task is due');
    expect(t.scheduler.jobs.size).toBe(0);
    const example = /Example: (.*)/.exec(reply)![1]!;
    expect(example).toBe('remind me every friday at 3pm to send the weekly report by 5pm');
    const job = await setsJob(t, example, 'send the weekly report by 5pm', at(FRI, 15));
    expect(job.schedule).toEqual({ kind: 'cron', pattern: '0 15 * * 5' });
  });

  it.each([
    // a one-off due by a time: reminding at 09:00 tomorrow is too late to pay by then
    ['remind me to pay rent by tomorrow 9am', '"by tomorrow 9am"', 'pay rent by tomorrow 9am', at(FRI, 7)],
    ['remind me to submit the form before 5pm', '"before 5pm"', 'submit the form before 5pm', at(THU, 15)],
    ['remind me to submit the form no later than 5pm', '"no later than 5pm"', 'submit the form no later than 5pm', at(THU, 15)],
    ['remind me to submit the form until 5pm', '"until 5pm"', 'submit the form until 5pm', at(THU, 15)],
    // "by 8" at 10:00 is 20:00 (next 8 on the clock); the example's "at 6" is 18:00
    ['remind me to leave by 8', '"by 8"', 'leave by 8', at(THU, 18)],
    ['remind me to send the report by eod', '"by eod"', 'send the report by eod', at(THU, 15)],
    // a day without a clock time does not say when in the day
    ['remind me tomorrow to send the report by 5pm', '"by 5pm"', 'send the report by 5pm', at(FRI, 15)],
    ['remind me to send the report every friday by 5pm', '"by 5pm"', 'send the report by 5pm', at(FRI, 15)],
    ['remind me to call mom tomorrow by noon', '"by noon"', 'call mom by noon', at(FRI, 10)],
    ['remind me every weekday to file the timesheet before 6pm', '"before 6pm"', 'file the timesheet before 6pm', at(THU, 16)],
  ])('"%s": nothing is created; %s is named and the example works', async (request, phrase, text, first) => {
    const t = await london();
    const reply = await t.sayText(ALICE_DM, request);
    expect(reply).toContain(`${phrase} reads as when the task is due`);
    expect(t.scheduler.jobs.size).toBe(0);
    await setsJob(t, /Example: (.*)/.exec(reply)![1]!, text, first);
  });

  it('a day the rent is due by, alone, is still asked about (the day is the occasion)', async () => {
    const t = await london();
    const reply = await t.sayText(ALICE_DM, 'remind me to pay rent by friday');
    expect(reply).toContain('"by friday" reads as part of the task');
    expect(t.scheduler.jobs.size).toBe(0);
  });
});

describe('a clock time the task is due by stays in the text when another says when', () => {
  it.each([
    ['every friday at 3pm to send the weekly report by 5pm', 'send the weekly report by 5pm', at(FRI, 15)],
    // was refused as two times
    ['remind me at 3pm to send the report by 5pm', 'send the report by 5pm', at(THU, 15)],
    ['remind me in 2 hours to send the report by 5pm', 'send the report by 5pm', at(THU, 12)],
    ['remind me tonight to finish the essay by 11pm', 'finish the essay by 11pm', at(THU, 20)],
    ['remind me at 9 to leave before 10', 'leave before 10', at(THU, 21)],
  ])('"%s" is set with the text "%s"', async (request, text, first) => {
    await setsJob(await london(), request, text, first);
  });

  it('"until 5pm" after a repeat of hours is its end, not a deadline: hourly, ending 17:00 today', async () => {
    const t = await london();
    await t.sayText(ALICE_DM, 'remind me every hour to drink water until 5pm');
    const job = onlyJob(t);
    expect(job.payload).toEqual({ text: 'drink water' });
    expect(job.schedule).toMatchObject({ kind: 'interval', everyMs: 3_600_000 });
    expect(job.bounds.endAt?.toISOString()).toBe(at(THU, 17).toISOString());
  });
});

describe('a time before the task, or a verb\'s "by", is when to remind', () => {
  it.each([
    ['remind me by 5pm to send the report', 'send the report', at(THU, 17)],
    ['remind me by tomorrow 9am to pay rent', 'pay rent', at(FRI, 9)],
    // "stop by", "drop by" are the task's verbs: the word stays in the text (was "stop", "drop")
    ['remind me to stop by at 5', 'stop by', at(THU, 17)],
    ['remind me at 9 to drop by on friday', 'drop by', at(FRI, 9)],
  ])('"%s" is set with the text "%s"', async (request, text, first) => {
    await setsJob(await london(), request, text, first);
  });
});

describe("a day after an event's noun, next to a bare clock time, is asked about with both readings", () => {
  it.each([
    [
      'remind me at 9 to call the school about the trip next week',
      'next week',
      'trip',
      ['remind me next week at 9 to call the school about the trip', 'call the school about the trip', at(MON, 9)],
      // 9 without am/pm at 10:00 today is 21:00
      ["remind me at 9 to call the school about next week's trip", "call the school about next week's trip", at(THU, 21)],
    ],
    [
      'remind me at 5pm to prepare for the meeting on monday',
      'on monday',
      'meeting',
      ['remind me on monday at 5pm to prepare for the meeting', 'prepare for the meeting', at(MON, 17)],
      ["remind me at 5pm to prepare for monday's meeting", "prepare for monday's meeting", at(THU, 17)],
    ],
    // who the meeting is with sits between the noun and the day (was set for Mon 17:00 without a word)
    [
      'remind me at 5pm to prepare for the meeting with bob on monday',
      'on monday',
      'meeting',
      ['remind me on monday at 5pm to prepare for the meeting with bob', 'prepare for the meeting with bob', at(MON, 17)],
      ["remind me at 5pm to prepare for monday's meeting with bob", "prepare for monday's meeting with bob", at(THU, 17)],
    ],
    [
      'remind me at 5pm to prepare for the call about the budget on friday',
      'on friday',
      'call',
      ['remind me on friday at 5pm to prepare for the call about the budget', 'prepare for the call about the budget', at(FRI, 17)],
      ["remind me at 5pm to prepare for friday's call about the budget", "prepare for friday's call about the budget", at(THU, 17)],
    ],
  ] as const)('"%s": nothing is created, and each reading works as written', async (request, day, noun, onDay, onEvent) => {
    const t = await london();
    const reply = await t.sayText(ALICE_DM, request);
    expect(reply).toContain(`Is "${day}" when to remind you, or when the ${noun} is?`);
    expect(t.scheduler.jobs.size).toBe(0);
    const said = [...reply.matchAll(/say "([^"]*)"/g)].map((m) => m[1]);
    expect(said).toEqual([onDay[0], onEvent[0]]);
    for (const [example, text, first] of [onDay, onEvent]) {
      const u = await london();
      await setsJob(u, example, text, first);
    }
  });

  it.each([
    // the reminder's day is said, so the meeting's day can only be the meeting's
    ['remind me tomorrow at 5pm to prepare for the meeting on monday', 'prepare for the meeting on monday', at(FRI, 17)],
    ['remind me in 2 hours to prepare for the meeting on monday', 'prepare for the meeting on monday', at(THU, 12)],
    ['remind me on monday at 10 about the meeting on tuesday', 'the meeting on tuesday', at(MON, 10)],
    ['remind me tomorrow at 5pm to prepare for the meeting with bob on monday', 'prepare for the meeting with bob on monday', at(FRI, 17)],
    // the day and time together, as "the meeting on monday at 3pm": the reminder's
    ['remind me about the meeting with bob on monday at 3pm', 'the meeting with bob', at(MON, 15)],
  ])('"%s" is unambiguous: set with the text "%s"', async (request, text, first) => {
    await setsJob(await london(), request, text, first);
  });

  it.each([
    // no other time, or no event: the day is the reminder's, as before
    ['remind me to call mom friday', 'call mom', at(FRI, 9)],
    ['remind me to pay rent on friday at 9', 'pay rent', at(FRI, 9)],
    ['remind me at 9 to call mom on friday', 'call mom', at(FRI, 9)],
    ['remind me to prepare for the meeting on monday', 'prepare for the meeting', at(MON, 9)],
  ])('"%s" is the reminder\'s day: "%s"', async (request, text, first) => {
    await setsJob(await london(), request, text, first);
  });
});
