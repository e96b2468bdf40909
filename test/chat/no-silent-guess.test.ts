/**
 * "Never silently guess": what Chime cannot read exactly it refuses with the reason and an
 * example that works, and what a schedule does that its words may not say (a DST gap or
 * overlap, months without a 31st) the confirmation says. A person in America/Chicago, today
 * Thursday 3 Dec 2026 10:00 (16:00 UTC). Expected instants are worked out from the calendar:
 * Chicago is UTC-6 (CST) until 2027-03-14 02:00, when clocks jump to 03:00 CDT (UTC-5); on
 * 2027-11-07 at 02:00 CDT they go back to 01:00 CST, so 01:00–01:59 happens twice.
 */
import { describe, expect, it } from 'vitest';
import { ALICE_DM, makeChat } from './harness.js';

const THURSDAY_10AM_CHICAGO = '2026-12-03T16:00:00Z';

async function chicago(start = THURSDAY_10AM_CHICAGO) {
  const t = makeChat({ start });
  await t.say(ALICE_DM, '/tz America/Chicago');
  return t;
}

describe('two reminders with different texts in one message', () => {
  it.each([
    ['remind me at 9 to call mom, and at 10 to call dad', 'call mom', 'call dad', 'remind me at 9 to call mom'],
    ['remind me tomorrow at 9 to call mom and at 10 to call dad', 'call mom', 'call dad', 'remind me tomorrow at 9 to call mom'],
    [
      'remind me on dec 25 at 9am to open gifts and on dec 31 at 11pm to celebrate',
      'open gifts',
      'celebrate',
      'remind me on dec 25 at 9am to open gifts',
    ],
  ])('"%s" is refused with the reason and the first one as the example; nothing is created', async (text, a, b, example) => {
    const t = await chicago();
    const reply = await t.sayText(ALICE_DM, text);
    expect(reply).toContain(`two reminders with different texts ("${a}" and "${b}")`);
    expect(reply).toContain(`Example: ${example}`);
    expect(t.scheduler.jobs.size).toBe(0);
  });

  it('the example of a /remind refusal is a /remind command that works', async () => {
    const t = await chicago();
    const reply = await t.sayText(ALICE_DM, '/remind at 9 to call mom, and at 10 to call dad');
    expect(reply).toContain('Example: /remind at 9 to call mom');
    const example = /Example: (.*)/.exec(reply)![1]!;
    await t.sayText(ALICE_DM, example);
    const [job] = [...t.scheduler.jobs.values()];
    expect(job!.payload).toEqual({ text: 'call mom' });
    // 9 without am/pm at 10:00 is the next 9 on the clock: 21:00 CST today = 03:00 UTC Friday
    expect(job!.nextRunAt!.toISOString()).toBe('2026-12-04T03:00:00.000Z');
  });

  it('a time after the text without "and" is asked about, not silently made a second fire', async () => {
    const t = await chicago();
    // (not "about the meeting on tuesday": a day after an event's noun, with the reminder's day
    // said, is the meeting's: test/chat/task-deadline.test.ts)
    const reply = await t.sayText(ALICE_DM, 'remind me on monday at 10 to call mom on tuesday');
    expect(reply).toContain('"on tuesday" comes after the text');
    expect(t.scheduler.jobs.size).toBe(0);
  });

  it('one text at two times still makes one reminder firing at both (Fri 4 Dec 09:00 and 17:00 CST)', async () => {
    const t = await chicago();
    await t.say(ALICE_DM, 'remind me tomorrow at 9am and 5pm to take meds');
    const [job] = [...t.scheduler.jobs.values()];
    expect(job!.payload).toEqual({ text: 'take meds' });
    expect(job!.schedule).toEqual({
      kind: 'multi',
      triggers: [
        { kind: 'once', at: new Date('2026-12-04T15:00:00Z') },
        { kind: 'once', at: new Date('2026-12-04T23:00:00Z') },
      ],
    });
  });

  it('"at 3 on friday and saturday" is one reminder at 15:00 on Fri 4 and Sat 5 Dec', async () => {
    const t = await chicago();
    await t.say(ALICE_DM, 'remind me at 3 on friday and saturday to x');
    const [job] = [...t.scheduler.jobs.values()];
    expect(job!.payload).toEqual({ text: 'x' });
    expect(job!.schedule).toEqual({
      kind: 'multi',
      triggers: [
        { kind: 'once', at: new Date('2026-12-04T21:00:00Z') },
        { kind: 'once', at: new Date('2026-12-05T21:00:00Z') },
      ],
    });
  });

  it.each(['buy milk and eggs', 'call mom and dad'])('a text holding "and" keeps working: "%s"', async (what) => {
    const t = await chicago();
    await t.say(ALICE_DM, `remind me at 9 to ${what}`);
    const [job] = [...t.scheduler.jobs.values()];
    expect(job!.payload).toEqual({ text: what });
    expect(job!.schedule).toEqual({ kind: 'once', at: new Date('2026-12-04T03:00:00Z') });
  });

  it('"at 9 to call mom and at 10" is one text at both times, without a dangling "and"', async () => {
    const t = await chicago();
    await t.say(ALICE_DM, 'remind me at 9 to call mom and at 10');
    const [job] = [...t.scheduler.jobs.values()];
    expect(job!.payload).toEqual({ text: 'call mom' });
  });
});

describe('daylight saving: the confirmation says what was taken', () => {
  it('02:30 on Sun 14 Mar 2027 does not exist: set for 03:30 CDT, and said so', async () => {
    const t = await chicago();
    const reply = await t.sayText(ALICE_DM, 'remind me on march 14 at 2:30am to check the clocks');
    const [job] = [...t.scheduler.jobs.values()];
    expect(job!.nextRunAt!.toISOString()).toBe('2027-03-14T08:30:00.000Z'); // 03:30 CDT (UTC-5)
    expect(reply).toContain('02:30 does not exist on Sun 14 Mar 2027 in Chicago (clocks go forward an hour); set for 03:30.');
  });

  it('the explicit form at:2027-03-14T02:30 says so too; at:…T03:30 does not', async () => {
    const t = await chicago();
    const reply = await t.sayText(ALICE_DM, '/remind at:2027-03-14T02:30 check the clocks');
    expect([...t.scheduler.jobs.values()][0]!.nextRunAt!.toISOString()).toBe('2027-03-14T08:30:00.000Z');
    expect(reply).toContain('02:30 does not exist on Sun 14 Mar 2027 in Chicago (clocks go forward an hour); set for 03:30.');
    expect(await t.sayText(ALICE_DM, '/remind at:2027-03-14T03:30 check the clocks')).not.toContain('does not exist');
  });

  it('03:30 on the same day exists: no note', async () => {
    const t = await chicago();
    const reply = await t.sayText(ALICE_DM, 'remind me on march 14 at 3:30am to check the clocks');
    expect([...t.scheduler.jobs.values()][0]!.nextRunAt!.toISOString()).toBe('2027-03-14T08:30:00.000Z');
    expect(reply).not.toContain('does not exist');
  });

  it('01:30 on Sun 7 Nov 2027 happens twice: the first (CDT) is taken, and said so', async () => {
    const t = await chicago();
    const reply = await t.sayText(ALICE_DM, 'remind me on nov 7 2027 at 1:30am to sleep');
    const [job] = [...t.scheduler.jobs.values()];
    expect(job!.nextRunAt!.toISOString()).toBe('2027-11-07T06:30:00.000Z'); // 01:30 CDT (UTC-5)
    expect(reply).toContain(
      '01:30 happens twice on Sun 7 Nov 2027 in Chicago (clocks go back an hour); set for the first 01:30, before clocks go back.',
    );
  });

  it('"in 1 hour" at 01:10 CDT lands on the second 01:10 (CST): said so', async () => {
    const t = await chicago('2027-11-07T06:10:00Z');
    const reply = await t.sayText(ALICE_DM, '/remind in 1 hour stretch');
    expect([...t.scheduler.jobs.values()][0]!.nextRunAt!.toISOString()).toBe('2027-11-07T07:10:00.000Z');
    expect(reply).toContain('set for the second 01:10, after clocks go back.');
  });

  it('a daily 02:30 whose listed fires cross the spring-forward says which day ran at 03:30', async () => {
    // Friday 12 Mar 2027 10:00 CST
    const t = await chicago('2027-03-12T16:00:00Z');
    const reply = await t.sayText(ALICE_DM, '/remind every day at 2:30am backup');
    expect(reply).toContain('Then: Sun 14 Mar 03:30, Mon 15 Mar 02:30, Tue 16 Mar 02:30');
    expect(reply).toContain('02:30 does not exist on Sun 14 Mar 2027 in Chicago (clocks go forward an hour); that day it runs at 03:30.');
    expect(reply.match(/does not exist/g)).toHaveLength(1);
  });

  it('a daily 01:30 whose listed fires cross the fall-back says the first 01:30 is taken that day', async () => {
    // Friday 5 Nov 2027 11:00 CDT
    const t = await chicago('2027-11-05T16:00:00Z');
    const reply = await t.sayText(ALICE_DM, '/remind every day at 1:30am backup');
    expect(reply).toContain('01:30 happens twice on Sun 7 Nov 2027 in Chicago');
    expect(reply).toContain('that day it runs at the first 01:30, before clocks go back.');
  });

  it('a daily 02:30 set in December says now that Sun 14 Mar 2027 runs at 03:30, and a daily 09:00 says nothing', async () => {
    const t = await chicago();
    const reply = await t.sayText(ALICE_DM, '/remind every day at 2:30am backup');
    expect(reply).toContain('Then: Sat 5 Dec 02:30, Sun 6 Dec 02:30, Mon 7 Dec 02:30');
    expect(reply).toContain('02:30 does not exist on Sun 14 Mar 2027 in Chicago (clocks go forward an hour); that day it runs at 03:30.');
    expect(await t.sayText(ALICE_DM, '/remind every day at 9am stretch')).not.toContain('⚠️');
  });

  it('a daily 02:30 that ends before March says nothing about March', async () => {
    const t = await chicago();
    expect(await t.sayText(ALICE_DM, '/remind every day at 2:30am until jan 31 backup')).not.toContain('does not exist');
  });

  it('a bare "at 2:30" at 01:00 on the spring-forward morning: set for 03:30, and the other reading offered is 14:30, not 15:30', async () => {
    const t = await chicago('2027-03-14T07:00:00Z'); // Sun 14 Mar 2027 01:00 CST
    const reply = await t.sayText(ALICE_DM, '/remind at 2:30 check the clocks');
    const [job] = [...t.scheduler.jobs.values()];
    expect(job!.nextRunAt!.toISOString()).toBe('2027-03-14T08:30:00.000Z'); // 03:30 CDT
    expect(reply).toContain('02:30 does not exist on Sun 14 Mar 2027 in Chicago (clocks go forward an hour); set for 03:30.');
    expect(reply).toContain(`Or did you mean 2:30 PM (14:30)? Then send /edit ${job!.id} today at 2:30pm.`);
    expect(reply).not.toContain('3:30 PM');
    await t.say(ALICE_DM, `/edit ${job!.id} today at 2:30pm`);
    expect(t.scheduler.jobs.get(job!.id)!.nextRunAt!.toISOString()).toBe('2027-03-14T19:30:00.000Z'); // 14:30 CDT
  });

  it('moving a one-off to the same clock time in Chicago, where 02:30 on 14 Mar 2027 does not exist, says so', async () => {
    const t = makeChat({ start: THURSDAY_10AM_CHICAGO });
    await t.say(ALICE_DM, '/tz Europe/London');
    const id = await t.create(ALICE_DM, '/remind on march 14 at 2:30am check the clocks'); // 02:30 GMT
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2027-03-14T02:30:00.000Z');
    const out = await t.say(ALICE_DM, '/tz America/Chicago');
    const answer = await t.press(ALICE_DM, t.button(out[1], 'Keep clock times'));
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2027-03-14T08:30:00.000Z'); // 03:30 CDT
    expect(answer.edit?.text).toContain(
      `02:30 does not exist on Sun 14 Mar 2027 in Chicago (clocks go forward an hour); set for 03:30. (reminder ${id})`,
    );
  });

  it('a snoozed one-off keeps its snoozed moment when its clock times move, and gets no note about the time it no longer fires at', async () => {
    const t = makeChat({ start: THURSDAY_10AM_CHICAGO });
    await t.say(ALICE_DM, '/tz America/Los_Angeles');
    const id = await t.create(ALICE_DM, '/remind on nov 7 2027 at 1:30am sleep'); // the first 01:30 PDT = 08:30Z
    await t.say(ALICE_DM, `/snooze ${id} nov 7 2027 at 1:45am`); // the first 01:45 PDT = 08:45Z
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2027-11-07T08:45:00.000Z');
    const out = await t.say(ALICE_DM, '/tz America/Chicago');
    const answer = await t.press(ALICE_DM, t.button(out[1], 'Keep clock times'));
    // Still the moment picked by the snooze: 08:45Z is 02:45 CST, after Chicago's clocks went back at 07:00Z.
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2027-11-07T08:45:00.000Z');
    expect(answer.edit?.text).toContain(`[${id}] sleep: Sun 7 Nov 2027 02:45`);
    expect(answer.edit?.text).not.toContain('happens twice');
  });

  it('moving a daily 02:30 and a daily 01:30 to the same clock times in Chicago gives each the DST note a new one gets there', async () => {
    // Chicago (Intl): 14 Mar 2027 01:59 CST is followed by 03:00 CDT (08:00Z), so 02:30 does not exist;
    // 7 Nov 2027 01:30 comes at 06:30Z (CDT) and again at 07:30Z (CST).
    const t = makeChat({ start: THURSDAY_10AM_CHICAGO });
    await t.say(ALICE_DM, '/tz Europe/London');
    const backup = await t.create(ALICE_DM, '/remind every day at 2:30am backup');
    const sleep = await t.create(ALICE_DM, '/remind every day at 1:30am sleep');
    const stretch = await t.create(ALICE_DM, '/remind every day at 9am stretch');
    const out = await t.say(ALICE_DM, '/tz America/Chicago');
    const text = (await t.press(ALICE_DM, t.button(out[1], 'Keep clock times'))).edit?.text ?? '';
    expect(text).toContain(
      `⚠️ 02:30 does not exist on Sun 14 Mar 2027 in Chicago (clocks go forward an hour); that day it runs at 03:30. (reminder ${backup})`,
    );
    expect(text).toContain(
      `⚠️ 01:30 happens twice on Sun 7 Nov 2027 in Chicago (clocks go back an hour); that day it runs at the first 01:30, before clocks go back. (reminder ${sleep})`,
    );
    expect(text.match(/⚠️/g)).toHaveLength(2);
    expect(text).not.toContain(`(reminder ${stretch})`);
  });

  it('a snoozed repeat keeps its snoozed run when its clock times move, and its later fires still get the DST note', async () => {
    const t = makeChat({ start: THURSDAY_10AM_CHICAGO });
    await t.say(ALICE_DM, '/tz Europe/London');
    const id = await t.create(ALICE_DM, '/remind every day at 2:30am backup'); // next: Fri 4 Dec 02:30 GMT
    await t.say(ALICE_DM, `/snooze ${id} dec 4 at 3am`); // 03:00 GMT = 03:00Z
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-12-04T03:00:00.000Z');
    const out = await t.say(ALICE_DM, '/tz America/Chicago');
    const text = (await t.press(ALICE_DM, t.button(out[1], 'Keep clock times'))).edit?.text ?? '';
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-12-04T03:00:00.000Z');
    expect(text).toContain(
      `⚠️ 02:30 does not exist on Sun 14 Mar 2027 in Chicago (clocks go forward an hour); that day it runs at 03:30. (reminder ${id})`,
    );
  });

  it('/edit to a time in the gap says so too', async () => {
    const t = await chicago();
    const id = await t.create(ALICE_DM, '/remind tomorrow at 9 check the clocks');
    const reply = await t.sayText(ALICE_DM, `/edit ${id} on march 14 at 2:30am`);
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2027-03-14T08:30:00.000Z');
    expect(reply).toContain('02:30 does not exist on Sun 14 Mar 2027 in Chicago');
  });

  it('/snooze to a time in the gap says so too', async () => {
    const t = await chicago();
    const id = await t.create(ALICE_DM, '/remind tomorrow at 9 check the clocks');
    const reply = await t.sayText(ALICE_DM, `/snooze ${id} march 14 at 2:30am`);
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2027-03-14T08:30:00.000Z');
    expect(reply).toContain('02:30 does not exist on Sun 14 Mar 2027 in Chicago');
  });
});

describe('repeats that skip months', () => {
  it('"every 31st" fires only in months with a 31st, and says so with the alternative', async () => {
    const t = await chicago();
    const reply = await t.sayText(ALICE_DM, 'remind me every 31st at 9am to pay rent');
    expect(reply).toContain('Then: Sun 31 Jan 2027 09:00, Wed 31 Mar 2027 09:00, Mon 31 May 2027 09:00');
    expect(reply).toContain(
      'Months without a 31st are skipped (Feb, Apr, Jun, Sep, Nov); say "every last day of the month" to fire in every month.',
    );
  });

  it('the suggested "every last day of the month" fires in February too (Sun 28 Feb 2027)', async () => {
    const t = await chicago();
    const reply = await t.sayText(ALICE_DM, 'remind me every last day of the month at 9am to pay rent');
    expect(reply).toContain('Then: Sun 31 Jan 2027 09:00, Sun 28 Feb 2027 09:00, Wed 31 Mar 2027 09:00');
    expect(reply).not.toContain('skipped');
  });

  it('"every 30th" names February, "every 29th" February outside leap years', async () => {
    const t = await chicago();
    expect(await t.sayText(ALICE_DM, '/remind every 30th at 9am water')).toContain('Months without a 30th are skipped (Feb)');
    expect(await t.sayText(ALICE_DM, '/remind every 29th at 9am water')).toContain(
      'Months without a 29th are skipped (Feb (except in leap years))',
    );
  });

  it('"every feb 29" fires in leap years only (next Tue 29 Feb 2028): said so', async () => {
    const t = await chicago();
    const reply = await t.sayText(ALICE_DM, '/remind every feb 29 leap party');
    expect(reply).toContain('Tue 29 Feb 2028');
    expect(reply).toContain('Feb 29 comes only in leap years');
  });

  it('"every 5th friday" skips months without a fifth Friday (first: Fri 29 Jan 2027): said so', async () => {
    const t = await chicago();
    const reply = await t.sayText(ALICE_DM, '/remind every 5th friday at 9am pizza');
    expect(reply).toContain('Fri 29 Jan 2027 09:00');
    expect(reply).toContain('Only months with a fifth Friday have one');
  });
});

describe('zero and huge spans', () => {
  it('"/remind every 0 minutes spam" says 0 minutes is not an interval, with an example that works', async () => {
    const t = await chicago();
    const reply = await t.sayText(ALICE_DM, '/remind every 0 minutes spam');
    expect(reply).toContain('"every 0 minutes" is not an interval');
    expect(reply).not.toContain('could not find a time');
    expect(t.scheduler.jobs.size).toBe(0);
    await t.say(ALICE_DM, /Example: (.*)/.exec(reply)![1]!);
    // every 5 minutes counted from now (10:00 CST): 10:05, 10:10, …
    expect([...t.scheduler.jobs.values()][0]!.schedule).toEqual({
      kind: 'interval',
      everyMs: 5 * 60_000,
      anchor: new Date(THURSDAY_10AM_CHICAGO),
    });
  });

  it('a plain "every 0 minutes spam" in a private chat gets the same reason, not the chatter hint', async () => {
    const t = await chicago();
    const reply = await t.sayText(ALICE_DM, 'every 0 minutes spam');
    expect(reply).toContain('"every 0 minutes" is not an interval');
    expect(reply).not.toContain("I didn't catch that");
    expect(t.scheduler.jobs.size).toBe(0);
  });

  it('"in 0 minutes" is refused as now, not as "in the past"', async () => {
    const t = await chicago();
    const reply = await t.sayText(ALICE_DM, '/remind in 0 minutes tea');
    expect(reply).toContain('"in 0 minutes" is now');
    expect(t.scheduler.jobs.size).toBe(0);
  });

  it('"in 99999999 years" is refused as too far, not as unreadable', async () => {
    const t = await chicago();
    const reply = await t.sayText(ALICE_DM, '/remind in 99999999 years tea');
    expect(reply).toContain('more than 5 years away');
    expect(t.scheduler.jobs.size).toBe(0);
  });
});

describe('more inputs that were guessed at or got the wrong reason', () => {
  it('"tomorrow" at 00:30 on Fri 4 Dec is Sat 5 Dec, and the confirmation says how to get Friday', async () => {
    const t = await chicago('2026-12-04T06:30:00Z'); // Fri 4 Dec 00:30 CST
    const reply = await t.sayText(ALICE_DM, '/remind tomorrow at 9 dentist');
    expect([...t.scheduler.jobs.values()][0]!.nextRunAt!.toISOString()).toBe('2026-12-05T15:00:00.000Z');
    expect(reply).toContain('It is past midnight, so "tomorrow" is Sat 5 Dec; for Fri 4 Dec say "today".');
    const today = await t.sayText(ALICE_DM, '/remind today at 9 dentist');
    expect(today).toContain('Fri 4 Dec 09:00');
    expect(today).not.toContain('past midnight');
  });

  it('"tomorrow" in the afternoon says nothing about midnight', async () => {
    const t = await chicago();
    expect(await t.sayText(ALICE_DM, '/remind tomorrow at 9 dentist')).not.toContain('past midnight');
  });

  it.each([
    ['/remind in -5 minutes tea', 'negative span', 'Example: /remind in 5 minutes check the oven'],
    ['/remind every -1 days tea', 'negative span', 'Example: /remind every 5 minutes stretch'],
    ['/remind every last day at 9 rent', 'The last day of what?', 'Example: /remind every last day of the month at 9am pay rent'],
    [
      '/remind in 1,000 minutes tea',
      'Please write "1,000" without commas: "1000 minutes".',
      'Example: /remind in 1000 minutes check the oven',
    ],
    ['/remind in 1,5 hours tea', 'Please write "1,5" with a point: "1.5 hours".', 'Example: /remind in 1.5 hours check the oven'],
    ['/remind in 0.1 seconds tea', '"in 0.1 seconds" is now', 'Example: /remind in 5 minutes check the oven'],
  ])('%s is refused with its reason (%s) and a working example', async (text, reason, example) => {
    const t = await chicago();
    const reply = await t.sayText(ALICE_DM, text);
    expect(reply).toContain(reason);
    expect(reply).toContain(example);
    expect(t.scheduler.jobs.size).toBe(0);
  });

  it('"every 5th monday in february" says when it first comes (2044: Feb 1 on a Monday in a leap year)', async () => {
    const t = await chicago();
    const reply = await t.sayText(ALICE_DM, '/remind every 5th monday in february x');
    expect(reply).toContain('more than 5 years away (it first comes in 2044)');
  });

  it('"at 9 and 5 take meds" is asked about (it fired at 21:00 only, with the text "5 take meds")', async () => {
    const t = await chicago();
    const reply = await t.sayText(ALICE_DM, '/remind at 9 and 5 take meds');
    expect(reply).toContain('Is "5" after "and" a second time?');
    expect(reply).toContain('Example: /remind at 9am and at 5pm take meds');
    expect(t.scheduler.jobs.size).toBe(0);
  });

  it('"tomorrow morning and evening" fires at both, Fri 4 Dec 09:00 and 18:00 (it kept only the evening)', async () => {
    const t = await chicago();
    await t.say(ALICE_DM, 'remind me tomorrow morning and evening to water plants');
    const [job] = [...t.scheduler.jobs.values()];
    expect(job!.payload).toEqual({ text: 'water plants' });
    expect(job!.schedule).toEqual({
      kind: 'multi',
      triggers: [
        { kind: 'once', at: new Date('2026-12-04T15:00:00Z') },
        { kind: 'once', at: new Date('2026-12-05T00:00:00Z') },
      ],
    });
  });

  it('"every morning and evening" is 09:00 and 18:00 every day', async () => {
    const t = await chicago();
    await t.say(ALICE_DM, '/remind every morning and evening stretch');
    expect([...t.scheduler.jobs.values()][0]!.schedule).toEqual({ kind: 'cron', pattern: '0 9,18 * * *' });
  });

  it('"today at 9am and 5pm" at 10:00 is refused: the 9am has passed (it kept 17:00 without a word)', async () => {
    const t = await chicago();
    const reply = await t.sayText(ALICE_DM, '/remind today at 9am and 5pm tea');
    expect(reply).toContain('09:00 on 2026-12-03 has already passed. Say only the times still ahead.');
    expect(t.scheduler.jobs.size).toBe(0);
  });

  it('"feb 29 2027" is refused as no such date', async () => {
    const t = await chicago();
    expect(await t.sayText(ALICE_DM, '/remind on feb 29 2027 leap')).toContain('February 29, 2027 is not a real date.');
    expect(t.scheduler.jobs.size).toBe(0);
  });

  it('"at 13pm" is refused, not read as 13:00 or 1pm', async () => {
    const t = await chicago();
    expect(await t.sayText(ALICE_DM, '/remind at 13pm x')).toContain('"13pm" is not a time I can read.');
    expect(t.scheduler.jobs.size).toBe(0);
  });
});
