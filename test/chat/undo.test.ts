/**
 * Every Undo reverts exactly what its message did: a creation's Undo removes the reminder, an
 * edit's Undo puts back what the edit replaced, a snooze's/pause's/cancel's Undo restores the
 * due time and status. An Undo pressed after the reminder changed again refuses and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { definitionVersion } from '../../src/core/job-version.js';
import { ALICE_DM, BOB_DM, makeChat } from './harness.js';

// The harness clock starts on Sunday 22 Nov 2026, 11:00 in Berlin (the reader's zone).
describe('Undo', () => {
  it("an edit's Undo restores the previous time and keeps the reminder", async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind friday 5pm submit report');
    const friday = t.scheduler.jobs.get(id)!.nextRunAt!.toISOString();
    expect(friday).toBe('2026-11-27T16:00:00.000Z'); // Fri 27 Nov 17:00 Berlin
    const [edited] = await t.say(ALICE_DM, `/edit ${id} monday 10am`);
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-11-23T09:00:00.000Z');
    const answer = await t.press(ALICE_DM, t.button(edited, 'Undo'));
    const job = t.scheduler.jobs.get(id);
    expect(job).toBeDefined();
    expect(job!.status).toBe('active');
    expect(job!.nextRunAt!.toISOString()).toBe(friday);
    expect(job!.schedule).toEqual({ kind: 'once', at: new Date(friday) });
    expect((job!.payload as { text: string }).text).toBe('submit report');
    expect(answer.edit!.text).toContain('back as it was');
    expect(answer.edit!.text).toContain('Fri 27 Nov 17:00');
    expect(answer.edit!.text).not.toContain('removed');
  });

  it("an edit's Undo restores the previous text and repetition", async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind every weekday at 9 standup');
    const before = { ...t.scheduler.jobs.get(id)! };
    const [edited] = await t.say(ALICE_DM, `/edit ${id} text: daily standup`);
    expect((t.scheduler.jobs.get(id)!.payload as { text: string }).text).toBe('daily standup');
    await t.press(ALICE_DM, t.button(edited, 'Undo'));
    const job = t.scheduler.jobs.get(id)!;
    expect(job.payload).toEqual(before.payload);
    expect(job.name).toBe(before.name);
    expect(job.schedule).toEqual(before.schedule);
    expect(job.nextRunAt).toEqual(before.nextRunAt);
  });

  it('an Undo pressed after a newer change refuses and keeps the newer change', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind friday 5pm submit report');
    const [first] = await t.say(ALICE_DM, `/edit ${id} monday 10am`);
    await t.say(ALICE_DM, `/edit ${id} tuesday 11am`);
    const answer = await t.press(ALICE_DM, t.button(first, 'Undo'));
    expect(answer.edit).toBeUndefined();
    expect(answer.toast).toMatch(/Can't undo: the reminder changed after this message/);
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-11-24T10:00:00.000Z'); // Tue 11:00 Berlin
  });

  it("a creation's Undo after an edit refuses instead of deleting the edited reminder", async () => {
    const t = makeChat();
    const [created] = await t.say(ALICE_DM, '/remind friday 5pm submit report');
    const id = /\[(\w+)\]/.exec(created!.text)![1]!;
    await t.say(ALICE_DM, `/edit ${id} monday 10am`);
    const answer = await t.press(ALICE_DM, t.button(created, 'Undo'));
    expect(answer.toast).toContain("Can't undo");
    expect(answer.toast).toContain(`/cancel ${id}`);
    expect(t.scheduler.jobs.has(id)).toBe(true);
  });

  it("a creation's Undo after a /snooze or /pause refuses instead of deleting the reminder the person moved", async () => {
    const t = makeChat();
    for (const change of ['/snooze {id} 30m', '/pause {id}', '/cancel {id}']) {
      const [created] = await t.say(ALICE_DM, '/remind tomorrow at 10 call mom');
      const id = /\[(\w+)\]/.exec(created!.text)![1]!;
      await t.say(ALICE_DM, change.replace('{id}', id));
      const changed = t.scheduler.jobs.get(id)!;
      const answer = await t.press(ALICE_DM, t.button(created, 'Undo'));
      expect(answer.edit).toBeUndefined();
      expect(answer.toast).toMatch(/Can't undo: reminder \w+ was changed after this message/);
      expect(t.scheduler.jobs.get(id)).toEqual(changed);
    }
  });

  it('the Undo of a snoozed copy refuses once the copy was snoozed again', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind every day at 11 standup');
    const delivered = await t.fire(id);
    const snoozed = await t.press(ALICE_DM, t.button(delivered, 'Snooze 10 min'));
    const copy = [...t.scheduler.jobs.values()].find((j) => j.id !== id)!;
    await t.say(ALICE_DM, `/snooze ${copy.id} 2h`);
    const moved = t.scheduler.jobs.get(copy.id)!;
    expect((await t.press(ALICE_DM, t.button(snoozed.edit, 'Undo'))).toast).toMatch(/Can't undo/);
    expect(t.scheduler.jobs.get(copy.id)).toEqual(moved);
  });

  it("a creation's Undo sent before it carried the state (definition version) removes only a job never written since", async () => {
    const t = makeChat();
    const [created] = await t.say(ALICE_DM, '/remind tomorrow at 10 call mom');
    const id = /\[(\w+)\]/.exec(created!.text)![1]!;
    const legacy = `undo:${id}.${definitionVersion(t.scheduler.jobs.get(id)!)}`;
    await t.clock.advance(60_000);
    await t.say(ALICE_DM, `/snooze ${id} 30m`);
    expect((await t.press(ALICE_DM, legacy)).toast).toMatch(/Can't undo/);
    expect(t.scheduler.jobs.has(id)).toBe(true);
    const other = await t.create(ALICE_DM, '/remind tomorrow at 12 call dad');
    expect((await t.press(ALICE_DM, `undo:${other}.${definitionVersion(t.scheduler.jobs.get(other)!)}`)).edit!.text).toContain(
      'was removed',
    );
  });

  it("a creation's Undo removes the reminder it created, and only once", async () => {
    const t = makeChat();
    const [created] = await t.say(ALICE_DM, '/remind in 2 minutes oops');
    const id = /\[(\w+)\]/.exec(created!.text)![1]!;
    expect((await t.press(ALICE_DM, t.button(created, 'Undo'))).edit!.text).toContain('was removed');
    expect(t.scheduler.jobs.has(id)).toBe(false);
    expect((await t.press(ALICE_DM, t.button(created, 'Undo'))).toast).toContain('No reminder with id');
  });

  it("a snooze's Undo puts the reminder back to its due time", async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind tomorrow at 9am call mom');
    const [snoozed] = await t.say(ALICE_DM, `/snooze ${id} 30m`);
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-11-23T08:30:00.000Z');
    await t.press(ALICE_DM, t.button(snoozed, 'Undo'));
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-11-23T08:00:00.000Z');
  });

  it("a pause's Undo resumes, a cancel's Undo brings the reminder back", async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind tomorrow at 9am call mom');
    const [paused] = await t.say(ALICE_DM, `/pause ${id}`);
    expect(t.scheduler.jobs.get(id)!.status).toBe('paused');
    await t.press(ALICE_DM, t.button(paused, 'Undo'));
    expect(t.scheduler.jobs.get(id)).toMatchObject({ status: 'active', nextRunAt: new Date('2026-11-23T08:00:00.000Z') });
    const [cancelled] = await t.say(ALICE_DM, `/cancel ${id}`);
    expect(t.scheduler.jobs.get(id)!.status).toBe('cancelled');
    await t.press(ALICE_DM, t.button(cancelled, 'Undo'));
    expect(t.scheduler.jobs.get(id)).toMatchObject({ status: 'active', nextRunAt: new Date('2026-11-23T08:00:00.000Z') });
  });

  it('a snooze Undo pressed after the reminder fired refuses (the snooze was used)', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 5 minutes stretch');
    const delivered = await t.fire(id);
    const answer = await t.press(ALICE_DM, t.button(delivered, 'Snooze 10 min'));
    await t.fire(id);
    const undo = await t.press(ALICE_DM, t.button(answer.edit, 'Undo'));
    expect(undo.toast).toContain("Can't undo");
    expect(t.scheduler.jobs.get(id)!.status).toBe('completed');
  });

  it("someone else's Undo changes nothing", async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind friday 5pm submit report');
    const [edited] = await t.say(ALICE_DM, `/edit ${id} monday 10am`);
    expect((await t.press(BOB_DM, t.button(edited, 'Undo'))).toast).toContain('No reminder with id');
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-11-23T09:00:00.000Z');
  });
});
