import { describe, expect, it } from 'vitest';
import { ALICE_DM, ALICE_GROUP, makeChat } from './harness.js';

/** A chat given a new id (a Telegram group upgraded to a supergroup): its reminders and settings follow. */
describe('moveChat', () => {
  it("moves the group's reminders, drops the old chat's message ids, and leaves other chats alone", async () => {
    const t = makeChat();
    const inGroup = await t.create(ALICE_GROUP, '/remind in 1 hour stretch');
    const asGroup = await t.create({ ...ALICE_GROUP, userId: ALICE_GROUP.chatId, isAdmin: true }, '/remind in 2 hours tidy up');
    const private_ = await t.create(ALICE_DM, '/remind in 1 hour call mom');
    expect(t.scheduler.jobs.get(inGroup)!.origin.messageId).toBeDefined();

    await t.chat.moveChat!({ platform: 'telegram', from: ALICE_GROUP.chatId, to: '-1009' });
    expect(t.scheduler.jobs.get(inGroup)!.origin).toEqual({ platform: 'telegram', chatId: '-1009', chatType: 'group' });
    // Set on behalf of the group (an anonymous admin): the group owns it, under its new id too.
    expect(t.scheduler.jobs.get(asGroup)!.owner.userId).toBe('-1009');
    expect(t.scheduler.jobs.get(private_)!.origin.chatId).toBe(ALICE_DM.chatId);
    expect(await t.sayText({ ...ALICE_GROUP, chatId: '-1009' }, '/list')).toContain('stretch');
  });

  it('a reminder about a replied-to message keeps its quote, without the old chat’s message id', async () => {
    const t = makeChat();
    const [confirmed] = await t.say(ALICE_GROUP, '/remind in 1 hour', { replyTo: { messageId: '77', text: 'send the report' } });
    const id = /\[(\w+)\]/.exec(confirmed!.text)![1]!;
    expect(t.scheduler.jobs.get(id)!.payload).toMatchObject({ quote: { messageId: '77' } });
    await t.chat.moveChat!({ platform: 'telegram', from: ALICE_GROUP.chatId, to: '-1009' });
    const delivered = await t.fire(id);
    // Message 77 of the supergroup is someone else's: the reminder quotes the text instead.
    expect(delivered.quote).toEqual({ text: 'send the report' });
  });

  it("carries the chat's zone over, unless the new chat already has its own", async () => {
    const t = makeChat();
    const admin = { ...ALICE_GROUP, isAdmin: true };
    await t.sayText(admin, '/tz chat Asia/Tokyo');
    await t.chat.moveChat!({ platform: 'telegram', from: ALICE_GROUP.chatId, to: '-1009' });
    expect(await t.sayText({ ...admin, chatId: '-1009' }, '/tz')).toContain('Asia/Tokyo');

    await t.sayText({ ...admin, chatId: '-2000' }, '/tz chat America/New_York');
    await t.chat.moveChat!({ platform: 'telegram', from: ALICE_GROUP.chatId, to: '-2000' });
    expect(await t.sayText({ ...admin, chatId: '-2000' }, '/tz')).toContain('America/New_York');
  });
});
