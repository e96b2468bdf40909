import type { User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { FakeBotApi, type FakeChatSpec, type SentMessage } from '../emulators/telegram/fake-bot-api.js';
import { startTelegramApp } from './fixtures/telegram-app.js';

/**
 * Buttons act on the reminder as their message showed it, on Telegram too: the Undo under
 * "Reminder set", pressed after a /snooze, used to delete the snoozed reminder; a member who
 * is not its owner nor an admin is refused; a second press of an Undo changes nothing more.
 */

const sam: User = { id: 601, is_bot: false, first_name: 'Sam' };
const ada: User = { id: 602, is_bot: false, first_name: 'Ada' };

describe('Telegram: buttons pressed after a later change (Bot API fake, real app)', () => {
  let api: FakeBotApi;
  let app: App;
  let stopApp: () => Promise<void>;
  let group: FakeChatSpec;

  beforeEach(async () => {
    api = await new FakeBotApi().start();
    group = api.addChat({ id: -4101, type: 'group', title: 'Team' });
    ({ app, stop: stopApp } = await startTelegramApp(api, { dirPrefix: 'chime-tg-stale-' }));
  });

  afterEach(() => stopApp());

  async function says(who: User, text: string): Promise<SentMessage> {
    const before = api.sentTo(group.id).length;
    api.userSays(group, who, text);
    await api.until(() => api.sentTo(group.id).length > before, 8000, `an answer to ${text}`);
    return api.sentTo(group.id).at(-1)!;
  }

  async function presses(who: User, msg: SentMessage, label: RegExp): Promise<string> {
    const data = msg.reply_markup?.inline_keyboard.flat().find((b) => label.test(b.text))?.callback_data;
    if (!data) throw new Error(`no button ${label} on ${msg.text}`);
    const id = api.userPresses(group, who, msg, data);
    await api.until(() => api.callbackAnswers.some((a) => a.callback_query_id === id), 8000, 'the toast');
    return api.callbackAnswers.find((a) => a.callback_query_id === id)!.text ?? '';
  }

  it("the confirmation's Undo after /snooze refuses; another member's Undo is refused; the reminder stays snoozed", async () => {
    const created = await says(sam, '/remind in 1 hour stretch');
    const id = /\[([a-z0-9]+)\]/.exec(created.text)![1]!;
    await says(sam, `/snooze ${id} 30m`);
    const snoozed = await app.store.jobs.getJob(id);
    expect(snoozed?.status).toBe('active');

    expect(await presses(ada, created, /Undo/)).toContain('Only the owner or a chat admin');
    expect(await presses(sam, created, /Undo/)).toMatch(/Can't undo: reminder \w+ was changed after this message/);
    expect(await app.store.jobs.getJob(id)).toEqual(snoozed);
    expect(created.edits).toBe(0);
  });

  it('an edited /remind changes nothing and is answered with the reminder as it stays and the /edit', async () => {
    const original = api.userSays(group, sam, '/remind in 1 hour stretch');
    await api.until(() => api.sentTo(group.id).length === 1, 8000, 'the confirmation');
    const id = /\[([a-z0-9]+)\]/.exec(api.sentTo(group.id)[0]!.text)![1]!;
    const before = await app.store.jobs.getJob(id);
    api.userEdits(original, '/remind in 2 hours stretch');
    await api.until(() => api.sentTo(group.id).length === 2, 8000, 'the answer to the edit');
    const answer = api.sentTo(group.id)[1]!;
    expect(answer.text).toContain('Editing your message does not change what I set from it');
    expect(answer.text).toContain(`/edit ${id} `);
    expect(answer.reply_parameters?.message_id).toBe(original.message_id);
    expect(await app.store.jobs.listJobs({ originChatId: String(group.id) })).toEqual([before]);
  });

  it("a snooze's Undo pressed twice (double tap) restores once, and the second press changes nothing", async () => {
    const created = await says(sam, '/remind in 1 hour stretch');
    const id = /\[([a-z0-9]+)\]/.exec(created.text)![1]!;
    const before = await app.store.jobs.getJob(id);
    const snoozedMsg = await says(sam, `/snooze ${id} 30m`);
    const first = presses(sam, snoozedMsg, /Undo/);
    const second = presses(sam, snoozedMsg, /Undo/);
    const toasts = await Promise.all([first, second]);
    expect(toasts.filter((t) => t === 'Undone')).toHaveLength(1);
    expect(toasts.filter((t) => t.startsWith("Can't undo"))).toHaveLength(1);
    expect((await app.store.jobs.getJob(id))?.nextRunAt).toEqual(before?.nextRunAt);
  });
});
