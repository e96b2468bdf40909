import { describe, expect, it } from 'vitest';
import { stateVersion } from '../../src/core/job-version.js';
import { zoneActionId } from '../../src/chat/zone-action-ids.js';
import { ALICE_DM, ALICE_GROUP, BOB_GROUP, makeChat } from './harness.js';

// Times are in London, which is UTC in November: wall times read as UTC instants.
async function londoner(start: string) {
  const t = makeChat({ start, config: { defaultTimeZone: 'UTC' } });
  await t.say(ALICE_DM, '/tz London');
  await t.say(ALICE_GROUP, '/tz London');
  return t;
}
const half = (jobId: string) => zoneActionId({ verb: 'half', jobId })!;
const halfOk = (jobId: string) => zoneActionId({ verb: 'halfok', jobId })!;

describe('a bare hour that lands in the night is confirmed with the other reading offered', () => {
  it('"at 3" at 17:03 is scheduled for 03:00 at once and asks "3 AM, or did you mean 3 PM?"', async () => {
    const t = await londoner('2026-11-22T17:03:00Z');
    const [msg] = await t.say(ALICE_DM, 'remind me at 3 to pick up the kids');
    const job = [...t.scheduler.jobs.values()][0]!;
    expect(job.nextRunAt).toEqual(new Date('2026-11-23T03:00:00Z'));
    expect(msg!.text).toContain('That is 3 AM (03:00), at night. Or did you mean 3 PM (15:00)?');
    const ids = msg!.actions!.flat().map((a) => [a.id, a.label]);
    expect(ids).toContainEqual([zoneActionId({ verb: 'half', jobId: job.id, version: stateVersion(job) }), '3 PM instead']);
    expect(ids).toContainEqual([halfOk(job.id), '3 AM is right']);
  });

  it('"3 PM instead" moves it to 15:00 the same day; the answer’s Undo puts 03:00 back', async () => {
    const t = await londoner('2026-11-22T17:03:00Z');
    const id = await t.create(ALICE_DM, 'remind me at 3 to pick up the kids');
    const answer = await t.press(ALICE_DM, half(id));
    expect(t.scheduler.jobs.get(id)!.nextRunAt).toEqual(new Date('2026-11-23T15:00:00Z'));
    expect(answer.edit?.text).toContain('Reminder changed');
    expect(answer.edit?.text).toContain('Mon 23 Nov 15:00');
    const undo = answer.edit!.actions![0]![0]!;
    expect(undo.label).toBe('Undo');
    await t.press(ALICE_DM, undo.id);
    expect(t.scheduler.jobs.get(id)!.nextRunAt).toEqual(new Date('2026-11-23T03:00:00Z'));
  });

  it('"3 PM instead" pressed after the reminder was snoozed or edited to another night hour refuses and changes nothing', async () => {
    const t = await londoner('2026-11-22T17:03:00Z');
    for (const change of ['/snooze {id} 1h', '/edit {id} tomorrow at 4am']) {
      const [msg] = await t.say(ALICE_DM, 'remind me at 3 to pick up the kids');
      const id = /\[(\w+)\]/.exec(msg!.text)![1]!;
      await t.say(ALICE_DM, change.replace('{id}', id));
      const changed = t.scheduler.jobs.get(id)!;
      // Both changes keep a night hour (04:00), where the unversioned button switched to 16:00.
      expect(changed.nextRunAt).toEqual(new Date('2026-11-23T04:00:00Z'));
      const answer = await t.press(ALICE_DM, t.button(msg, '3 PM instead'));
      expect(answer.toast).toMatch(/changed after this message; nothing was done/);
      expect(t.scheduler.jobs.get(id)).toEqual(changed);
    }
  });

  it('"3 AM is right" and no answer at all both leave it at 03:00: nothing is lost', async () => {
    const t = await londoner('2026-11-22T17:03:00Z');
    const id = await t.create(ALICE_DM, 'remind me at 3 to pick up the kids');
    expect((await t.press(ALICE_DM, halfOk(id))).toast).toContain('stays');
    expect(t.scheduler.jobs.get(id)!.nextRunAt).toEqual(new Date('2026-11-23T03:00:00Z'));
    expect(t.scheduler.jobs.get(id)!.status).toBe('active');
  });

  it('"at 11" at 22:00 is 23:00 tonight, with 11 AM tomorrow offered; "at 12" at 13:00 is midnight, noon offered', async () => {
    const t = await londoner('2026-11-22T22:00:00Z');
    const eleven = await t.create(ALICE_DM, 'at 11 call Bo');
    expect(t.scheduler.jobs.get(eleven)!.nextRunAt).toEqual(new Date('2026-11-22T23:00:00Z'));
    await t.press(ALICE_DM, half(eleven));
    expect(t.scheduler.jobs.get(eleven)!.nextRunAt).toEqual(new Date('2026-11-23T11:00:00Z'));
    const noon = await londoner('2026-11-22T13:00:00Z');
    expect(await noon.sayText(ALICE_DM, 'at 12 lunch with Ana')).toContain(
      'That is midnight (00:00), at night. Or did you mean noon (12:00)?',
    );
  });

  it.each([
    ['at 3pm call the school', '2026-11-22T17:03:00Z'],
    ['at 03:00 check the backup', '2026-11-22T17:03:00Z'],
    ['at 3 call the school', '2026-11-22T10:00:00Z'], // 15:00 today: not night
    ['tomorrow at 3 call the school', '2026-11-22T17:03:00Z'], // a day named: 15:00
    ['at 8 breakfast', '2026-11-22T17:03:00Z'], // 20:00: not night
  ])('no question for "%s" at %s', async (text, start) => {
    const t = await londoner(start);
    const [msg] = await t.say(ALICE_DM, text);
    expect(msg!.text).toMatch(/Reminder set/);
    expect(msg!.text).not.toContain('at night');
  });

  it('in a group only the owner or an admin may switch', async () => {
    const t = await londoner('2026-11-22T17:03:00Z');
    const id = await t.create(ALICE_GROUP, '/remind at 3 pick up the kids');
    expect((await t.press(BOB_GROUP, half(id))).toast).toContain('Only the owner');
    expect(t.scheduler.jobs.get(id)!.nextRunAt).toEqual(new Date('2026-11-23T03:00:00Z'));
  });
});
