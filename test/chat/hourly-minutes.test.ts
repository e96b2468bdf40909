import { describe, expect, it } from 'vitest';
import { ALICE_DM, makeChat } from './harness.js';

// Thursday 2026-12-03 11:00 in Berlin (10:00Z); Berlin is UTC+1 in December.
const START = '2026-12-03T10:00:00Z';

describe('hourly repeats at a minute of the hour, in chat', () => {
  it('"every hour at 15 past ping" fires at 11:15, 12:15 … Berlin with the text "ping"', async () => {
    const t = makeChat({ start: START });
    const id = await t.create(ALICE_DM, 'remind me every hour at 15 past ping');
    const job = t.scheduler.jobs.get(id)!;
    expect(job.payload).toEqual({ text: 'ping' });
    // 11:15 CET = 10:15Z, then one hour later at 12:15 CET = 11:15Z
    expect(job.nextRunAt).toEqual(new Date('2026-12-03T10:15:00Z'));
    await t.fire(id);
    expect(t.scheduler.jobs.get(id)!.nextRunAt).toEqual(new Date('2026-12-03T11:15:00Z'));
  });

  it('"every hour at :15 ping" fires at minute 15, not on the hour, with ":15" out of the text', async () => {
    const t = makeChat({ start: START });
    const id = await t.create(ALICE_DM, 'every hour at :15 ping');
    const job = t.scheduler.jobs.get(id)!;
    expect(job.payload).toEqual({ text: 'ping' });
    expect(job.nextRunAt).toEqual(new Date('2026-12-03T10:15:00Z'));
  });

  it('"every hour during work hours ping" is refused with the reason and a form that works; nothing is created', async () => {
    const t = makeChat({ start: START });
    const reply = await t.sayText(ALICE_DM, 'every hour during work hours ping');
    expect(reply).toContain('"work hours" has no exact times');
    expect(reply).toContain('every hour from 9 to 5 on weekdays ping');
    expect(t.scheduler.jobs.size).toBe(0);
  });
});
