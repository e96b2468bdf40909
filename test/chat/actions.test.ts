import { describe, expect, it } from 'vitest';
import { plainText } from '../../src/core/outgoing-message.js';
import { createDeliveryFormatter } from '../../src/chat/delivery-format.js';
import { ALICE_DM, ALICE_GROUP, makeChat } from './harness.js';

describe('actions', () => {
  it('Snooze 10 min moves the next run 10 minutes from now and edits the message in place', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 2 minutes stretch');
    const answer = await t.press(ALICE_DM, `s10:${id}`);
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-11-22T10:10:00.000Z');
    expect(answer.toast).toContain('Snoozed until Sun 22 Nov 11:10');
    expect(answer.edit!.text).toContain('stretch');
    expect(answer.edit!.text).toContain('Snoozed until Sun 22 Nov 11:10 (in 10 minutes)');
  });

  it('Snooze 1 h moves the next run an hour from now', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 2 minutes stretch');
    await t.press(ALICE_DM, `s60:${id}`);
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-11-22T11:00:00.000Z');
  });

  it('Tomorrow means 09:00 tomorrow in the presser’s zone', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 2 minutes stretch');
    const answer = await t.press(ALICE_DM, `tm:${id}`);
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-11-23T08:00:00.000Z'); // 09:00 Berlin
    expect(answer.edit!.text).toContain('Mon 23 Nov 09:00');
  });

  it('Done cancels a still-pending one-off and leaves recurring ones running', async () => {
    const t = makeChat();
    const once = await t.create(ALICE_DM, '/remind in 2 minutes once');
    const rec = await t.create(ALICE_DM, '/remind every 1 day rec');
    // Pressed before its time (as after a Run now): the answer says the pending one is off too.
    const text = (await t.press(ALICE_DM, `done:${once}`)).edit!.text;
    expect(text).toContain('✓ Done');
    expect(text).toContain("It won't come Sun 22 Nov 11:02 (in 2 minutes) either."); // 10:02Z, Berlin
    expect(t.scheduler.jobs.get(once)!.status).toBe('cancelled');
    await t.press(ALICE_DM, `done:${rec}`);
    expect(t.scheduler.jobs.get(rec)!.status).toBe('active');
  });

  it('Stop cancels a recurring reminder', async () => {
    const t = makeChat();
    const rec = await t.create(ALICE_DM, '/remind every 1 day rec');
    const answer = await t.press(ALICE_DM, `stop:${rec}`);
    expect(t.scheduler.jobs.get(rec)!.status).toBe('cancelled');
    expect(answer.edit!.text).toContain("won't repeat");
  });

  it('Undo deletes the just-created reminder', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 2 minutes oops');
    const answer = await t.press(ALICE_DM, `undo:${id}`);
    expect(t.scheduler.jobs.has(id)).toBe(false);
    expect(answer.edit!.text).toContain('Undone');
    expect((await t.press(ALICE_DM, `undo:${id}`)).toast).toContain('No reminder with id');
  });

  it('Edit explains how to edit', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 2 minutes x');
    expect((await t.press(ALICE_DM, `edit:${id}`)).replies![0]!.text).toContain(`/edit ${id}`);
  });

  it('a malformed action id changes nothing', async () => {
    const t = makeChat();
    expect((await t.press(ALICE_DM, 'rm -rf:/')).toast).toContain('no longer valid');
    expect((await t.press(ALICE_DM, 'zz:abc')).toast).toContain('no longer valid');
  });

  it('snoozing a cancelled reminder is refused', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 2 minutes x');
    await t.say(ALICE_DM, `/cancel ${id}`);
    expect((await t.press(ALICE_DM, `s10:${id}`)).toast).toContain('cancelled');
    expect(t.scheduler.jobs.get(id)!.status).toBe('cancelled');
  });
});

describe('delivery formatter', () => {
  it('a one-off reminder carries Snooze 10 min, Snooze 1 h, Tomorrow, Done and Nag me, ids under 64 bytes', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 2 minutes stretch');
    const job = t.scheduler.jobs.get(id)!;
    const out = createDeliveryFormatter()(job, { type: 'success', text: 'stretch', scheduledFor: t.clock.now(), lateMs: 0 });
    expect(plainText(out)).toBe('⏰ stretch');
    expect(out.actions!.flat().map((a) => a.label)).toEqual(['Snooze 10 min', 'Snooze 1 h', 'Tomorrow', 'Done', 'Nag me']);
    for (const a of out.actions!.flat()) expect(Buffer.byteLength(a.id)).toBeLessThan(64);
  });

  it('a recurring reminder also carries Stop; in groups the owner is mentioned', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_GROUP, '/remind every 1 day standup');
    const job = t.scheduler.jobs.get(id)!;
    const out = createDeliveryFormatter()(job, { type: 'success', text: 'standup', scheduledFor: t.clock.now(), lateMs: 0 });
    expect(out.actions!.flat().map((a) => a.label)).toContain('Stop');
    expect(plainText(out)).toContain('Alice');
    expect(out.parts).toContainEqual({ type: 'mention', userId: '100', name: 'Alice' });
  });

  it('a reminder about a replied-to message quotes it', async () => {
    const t = makeChat();
    await t.say(ALICE_DM, '/remind 2h', { replyTo: { messageId: '42', text: 'pay the invoice' } });
    const job = [...t.scheduler.jobs.values()][0]!;
    const out = createDeliveryFormatter()(job, { type: 'success', text: 'pay the invoice', scheduledFor: t.clock.now(), lateMs: 0 });
    expect(out.quote).toEqual({ messageId: '42', text: 'pay the invoice' });
  });

  it('a late run says how late', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 2 minutes stretch');
    const out = createDeliveryFormatter()(t.scheduler.jobs.get(id)!, {
      type: 'success',
      text: 'stretch',
      scheduledFor: t.clock.now(),
      lateMs: 3 * 3600_000,
    });
    expect(plainText(out)).toContain('3 hours late');
  });
});

describe('undeliverable reminders', async () => {
  const { undeliverableNotice } = await import('../../src/chat/undeliverable.js');
  it('tell the creator privately when a group delivery is given up', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_GROUP, '/remind in 2 minutes standup');
    const notice = undeliverableNotice(t.scheduler.jobs.get(id)!, new Error('bot was kicked'), '-500');
    expect(notice!.to).toEqual({ platform: 'telegram', chatId: '100' });
    expect(notice!.text).toContain('bot was kicked');
    expect(notice!.text).toContain(id);
  });
  it('stay silent when the failed chat was the creator’s own private chat', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 2 minutes x');
    expect(undeliverableNotice(t.scheduler.jobs.get(id)!, new Error('blocked'), '100')).toBeUndefined();
  });
  it('stay silent when the owner is a chat (set on behalf of a channel), which has no private chat', async () => {
    const t = makeChat();
    const id = await t.create({ ...ALICE_GROUP, userId: '-1003001', userName: 'Bob News' }, '/remind in 2 minutes digest');
    expect(undeliverableNotice(t.scheduler.jobs.get(id)!, new Error('bot was kicked'), '-500')).toBeUndefined();
  });
});
