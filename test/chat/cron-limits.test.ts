/**
 * Cron from chat: nobody can make Chime fire more than once a minute, and a pattern with a
 * year field is refused with the fix rather than cut to six fields.
 */
import { describe, expect, it } from 'vitest';
import { ALICE_DM, makeChat } from './harness.js';

describe('cron limits in chat', () => {
  it('every-second patterns are refused, whatever their spelling, and nothing is created', async () => {
    const c = makeChat();
    for (const pattern of ['* * * * * *', '*/1 * * * * *', '0,30 * * * * *']) {
      const reply = await c.sayText(ALICE_DM, `/remind cron:${pattern} ping`);
      expect(reply).toMatch(/at most once every 1 min/);
    }
    expect(c.scheduler.jobs.size).toBe(0);
  });

  it('once a minute is allowed', async () => {
    const c = makeChat();
    await c.create(ALICE_DM, '/remind cron:0 * * * * * ping');
    expect([...c.scheduler.jobs.values()].map((j) => j.schedule)).toEqual([{ kind: 'cron', pattern: '0 * * * * *' }]);
  });

  it('a seventh field is refused with the fix, not silently cut to six', async () => {
    const c = makeChat();
    const reply = await c.sayText(ALICE_DM, '/remind cron:0 0 9 * * 1-5 2027 standup');
    expect(reply).toMatch(/has 7 fields.*Remove the extra field/);
    expect(c.scheduler.jobs.size).toBe(0);
  });
});
