import type { User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { ManualClock } from '../../src/clock.js';
import { FakeBotApi, type FakeChatSpec } from '../emulators/telegram/fake-bot-api.js';
import { startTelegramApp } from './fixtures/telegram-app.js';

/**
 * Telegram refuses a whole message (400) for a part of its dressing: an entity it cannot parse
 * (a text_mention of a user it will not resolve) or a button it does not accept. A 400 is
 * permanent, so without a plainer second try the reminder was never delivered and its job
 * (a whole series) was marked failed. The words of a reminder matter more than its ping or buttons.
 */

const sam: User = { id: 501, is_bot: false, first_name: 'Sam' };

describe('Telegram: a reminder whose dressing Telegram refuses is delivered plainer, not lost', () => {
  let api: FakeBotApi;
  let clock: ManualClock;
  let app: App;
  let stopApp: () => Promise<void>;
  let group: FakeChatSpec;

  beforeEach(async () => {
    api = await new FakeBotApi().start();
    group = api.addChat({ id: -4001, type: 'group', title: 'Friends' });
    ({ app, clock, stop: stopApp } = await startTelegramApp(api, { dirPrefix: 'chime-tg-plain-' }));
  });

  afterEach(() => stopApp());

  async function deliverStandup(): Promise<string> {
    api.userSays(group, sam, '/remind every day at 10:01 standup');
    await api.until(() => api.sent.length === 1);
    const [job] = await app.store.jobs.listJobs({ originChatId: String(group.id) });
    await clock.advance(60_000);
    await api.until(() => api.sentTo(group.id).length === 2, 8000, 'the reminder');
    return job!.id;
  }

  it('an entity Telegram cannot parse: sent again without it, the text and buttons intact; the series goes on', async () => {
    api.failWhen((method, p) =>
      method === 'sendMessage' && p.entities
        ? { status: 400, description: "Bad Request: can't parse entities: user not found" }
        : undefined,
    );
    const id = await deliverStandup();
    const reminder = api.sentTo(group.id)[1]!;
    expect(reminder.text).toBe('⏰ Sam: standup');
    expect(reminder.entities).toBeUndefined();
    expect(reminder.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toContain('Done');
    expect((await app.store.jobs.getJob(id))?.status).toBe('active');
  });

  it('a button Telegram refuses: sent again without buttons rather than not at all', async () => {
    api.failWhen((method, p) =>
      method === 'sendMessage' && p.reply_markup ? { status: 400, description: 'Bad Request: BUTTON_DATA_INVALID' } : undefined,
    );
    const id = await deliverStandup();
    expect(api.sentTo(group.id)[1]!.text).toBe('⏰ Sam: standup');
    expect((await app.store.jobs.getJob(id))?.status).toBe('active');
  });

  it('a 400 about the chat itself is still given up at once: no plainer copy can reach it', async () => {
    api.userSays(group, sam, '/remind in 1 minute standup');
    await api.until(() => api.sent.length === 1);
    const sends = () => api.calls.filter((c) => c.method === 'sendMessage' && c.params.chat_id === group.id).length;
    api.failWhen((method) => (method === 'sendMessage' ? { status: 400, description: 'Bad Request: chat not found' } : undefined));
    const before = sends();
    await clock.advance(60_000);
    const [job] = await app.store.jobs.listJobs({ originChatId: String(group.id) });
    await api.until(() => sends() > before, 8000, 'the attempt');
    await new Promise((r) => setTimeout(r, 200));
    expect(sends() - before).toBe(1);
    expect((await app.store.jobs.getJob(job!.id))?.status).toBe('failed');
  });
});
