/**
 * A typed /cancel of a repeating reminder ends the snoozed copies of its deliveries too, as
 * Stop does: otherwise a copy still reminds after the person cancelled the series. Its Undo
 * brings back the series and every copy together.
 */
import { describe, expect, it } from 'vitest';
import { MAX_ACTION_ID_BYTES } from '../../src/chat/action-ids.js';
import { ALICE_DM, makeChat } from './harness.js';

async function seriesWithSnoozedCopy() {
  const t = makeChat({ start: '2026-12-02T22:00:40.300Z' }); // Wednesday 23:00:40 Berlin
  const id = await t.create(ALICE_DM, '/remind every hour take pills');
  const delivered = await t.fire(id);
  await t.press(ALICE_DM, t.button(delivered, 'Snooze 10 min'));
  const copy = [...t.scheduler.jobs.values()].find((j) => j.id !== id)!;
  return { t, id, copy };
}

describe('/cancel of a series with a snoozed copy', () => {
  it('cancels the copy too, says so with the count, and Undo restores both', async () => {
    const { t, id, copy } = await seriesWithSnoozedCopy();
    expect(copy.status).toBe('active');
    const [reply] = await t.say(ALICE_DM, `/cancel ${id}`);
    expect(reply!.text).toContain(`Cancelled [${id}]`);
    expect(reply!.text).toContain(`\nIts 1 snoozed copy ([${copy.id}]) won't come either.`);
    expect(t.scheduler.jobs.get(id)!.status).toBe('cancelled');
    expect(t.scheduler.jobs.get(copy.id)!).toMatchObject({ status: 'cancelled', nextRunAt: null });
    // Past the copy's time, nothing of the series is left to remind.
    await t.clock.advance(15 * 60_000);
    expect(await t.scheduler.listJobs({ status: 'active' })).toEqual([]);

    const undo = t.button(reply, 'Undo');
    expect(Buffer.byteLength(undo)).toBeLessThanOrEqual(MAX_ACTION_ID_BYTES);
    const undone = await t.press(ALICE_DM, undo);
    expect(undone.edit!.text).toContain(`reminder ${id}`);
    expect(undone.edit!.text).toContain(`snoozed copy ${copy.id} is back too`);
    expect(t.scheduler.jobs.get(id)!.status).toBe('active');
    expect(t.scheduler.jobs.get(copy.id)!.status).toBe('active');
    // The copy's time passed while it was cancelled: back, it comes now rather than never.
    expect(t.scheduler.jobs.get(copy.id)!.nextRunAt).toEqual(copy.nextRunAt);
  });

  it('with several ids, the series Undo brings back its copy and the other Undo only its own', async () => {
    const { t, id, copy } = await seriesWithSnoozedCopy();
    const other = await t.create(ALICE_DM, '/remind in 2 hours tea');
    const [reply] = await t.say(ALICE_DM, `/cancel ${id} ${other}`);
    expect(reply!.text).toContain('Cancelled 2 of 2');
    expect(reply!.text).toContain(`Its 1 snoozed copy ([${copy.id}])`);
    expect(t.scheduler.jobs.get(copy.id)!.status).toBe('cancelled');
    await t.press(ALICE_DM, t.button(reply, `Undo ${id}`));
    expect(t.scheduler.jobs.get(id)!.status).toBe('active');
    expect(t.scheduler.jobs.get(copy.id)!.status).toBe('active');
    expect(t.scheduler.jobs.get(other)!.status).toBe('cancelled');
  });

  it('naming the series and its copy says the copy went with the series, counts both, and one Undo restores both', async () => {
    const { t, id, copy } = await seriesWithSnoozedCopy();
    const [reply] = await t.say(ALICE_DM, `/cancel ${id} ${copy.id}`);
    expect(reply!.text).toBe(
      [
        'Cancelled 2 of 2:',
        `🗑 Cancelled [${id}]: take pills`,
        `Its 1 snoozed copy ([${copy.id}]) won't come either.`,
        `🗑 Cancelled [${copy.id}] too: it is the snoozed copy of [${id}] above, whose Undo brings it back.`,
      ].join('\n'),
    );
    expect(reply!.text).not.toMatch(/Not cancelled|already/);
    expect(t.scheduler.jobs.get(copy.id)!.status).toBe('cancelled');
    await t.press(ALICE_DM, t.button(reply, `Undo ${id}`));
    expect(t.scheduler.jobs.get(id)!.status).toBe('active');
    expect(t.scheduler.jobs.get(copy.id)!.status).toBe('active');
  });

  it('the copy named first is cancelled on its own, then the series: both counted', async () => {
    const { t, id, copy } = await seriesWithSnoozedCopy();
    const [reply] = await t.say(ALICE_DM, `/cancel ${copy.id} ${id}`);
    expect(reply!.text).toContain('Cancelled 2 of 2:');
    expect(reply!.text).not.toContain('Not cancelled');
  });

  it('Stop goes through the same rule and now offers the Undo that restores both', async () => {
    const t = makeChat({ start: '2026-12-02T22:00:40.300Z' });
    const id = await t.create(ALICE_DM, '/remind every hour take pills');
    const delivered = await t.fire(id);
    await t.press(ALICE_DM, t.button(delivered, 'Snooze 10 min'));
    const copy = [...t.scheduler.jobs.values()].find((j) => j.id !== id)!;
    const stopped = await t.press(ALICE_DM, t.button(delivered, 'Stop'));
    expect(stopped.edit!.text).toContain(`Its 1 snoozed copy ([${copy.id}]) won't come either.`);
    await t.press(ALICE_DM, t.button(stopped.edit, 'Undo'));
    expect(t.scheduler.jobs.get(id)!.status).toBe('active');
    expect(t.scheduler.jobs.get(copy.id)!.status).toBe('active');
  });

  it('Undo refuses and changes nothing once the copy changed after the cancel', async () => {
    const { t, id, copy } = await seriesWithSnoozedCopy();
    const [reply] = await t.say(ALICE_DM, `/cancel ${id}`);
    await t.scheduler.updateJob(copy.id, { status: 'active', nextRunAt: new Date(t.clock.now().getTime() + 3600_000) });
    const undone = await t.press(ALICE_DM, t.button(reply, 'Undo'));
    expect(undone.toast).toContain(`snoozed copy ${copy.id} changed`);
    expect(t.scheduler.jobs.get(id)!.status).toBe('cancelled');
  });
});
