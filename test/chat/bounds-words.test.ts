/**
 * A bounded repeat says how many times are to come, in the confirmation and in /list: "every
 * day at 9 for 3 days" said on Thursday 3 Dec 2026 12:00 (London) fires Fri 4, Sat 5 and Sun 6
 * Dec at 09:00, and ends with its last fire, Sun 6 Dec 09:00. Before: only "Until Sun 6 Dec
 * 12:00" (the hour it was asked, three days on, not a time the person said), and a count ("3
 * times") said nothing of the runs already made.
 */
import { describe, expect, it } from 'vitest';
import { ALICE_DM, chatInZone } from './harness.js';

const london = () => chatInZone('Europe/London', '2026-12-03T12:00:00Z');

describe('the count of a bounded repeat is said', () => {
  it('"every day at 9 for 3 days": "Until Sun 6 Dec 09:00, 3 times left", and 2 after the first', async () => {
    const t = await london();
    const reply = await t.sayText(ALICE_DM, 'every day at 9 for 3 days stretch');
    expect(reply).toContain('Until Sun 6 Dec 09:00, 3 times left');
    expect(await t.sayText(ALICE_DM, '/list')).toContain('(until sun 6 dec 09:00, 3 times left)');
    await t.fire('j1');
    expect(await t.sayText(ALICE_DM, '/list')).toContain('(until sun 6 dec 09:00, 2 times left)');
  });

  it('"every monday at 9 for 3 weeks" ends with its third Monday, Mon 21 Dec 09:00', async () => {
    const t = await london();
    expect(await t.sayText(ALICE_DM, 'every monday at 9 for 3 weeks stretch')).toContain('Until Mon 21 Dec 09:00, 3 times left');
  });

  it('"every day at 9 3 times": "3 times in all", then "3 times in all, 2 left" after the first', async () => {
    const t = await london();
    expect(await t.sayText(ALICE_DM, 'every day at 9 3 times stretch')).toContain('3 times in all');
    await t.fire('j1');
    expect(await t.sayText(ALICE_DM, '/list')).toContain('(3 times in all, 2 left)');
  });

  it('an end too far for counting ("every hour until dec 31") says only the end', async () => {
    const t = await london();
    const reply = await t.sayText(ALICE_DM, 'every hour until dec 31 stretch');
    expect(reply).toContain('Until Thu 31 Dec 23:59');
    expect(reply).not.toContain('left');
  });
});
