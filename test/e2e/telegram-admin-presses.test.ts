import type { User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { ManualClock } from '../../src/clock.js';
import { FakeBotApi, type FakeChatSpec, type SentMessage } from '../emulators/telegram/fake-bot-api.js';
import { startTelegramApp } from './fixtures/telegram-app.js';

/**
 * In a group a chat admin may press the buttons under a member's reminder. "Tomorrow" brings
 * it back at 09:00 tomorrow for the person it reminds, in their zone. Before, it was 09:00 in
 * the admin's zone: Ada (Tokyo) got her reminder back at 18:00 her time because Sam (UTC)
 * pressed it, and the message said 09:00.
 */

const sam: User = { id: 911, is_bot: false, first_name: 'Sam' };
const ada: User = { id: 912, is_bot: false, first_name: 'Ada' };

describe("Telegram: an admin's press acts in the reminder owner's time (Bot API fake, real app)", () => {
  let api: FakeBotApi;
  let app: App;
  let clock: ManualClock;
  let stopApp: () => Promise<void>;
  let group: FakeChatSpec;

  beforeEach(async () => {
    api = await new FakeBotApi().start();
    group = api.addChat({ id: -4401, type: 'group', title: 'Team' });
    api.setAdmin(group.id, sam.id);
    ({ app, clock, stop: stopApp } = await startTelegramApp(api, { dirPrefix: 'chime-tg-admin-', clockStart: '2026-11-22T10:00:00Z' }));
  });

  afterEach(() => stopApp());

  async function says(who: User, text: string): Promise<SentMessage> {
    const before = api.sentTo(group.id).length;
    api.userSays(group, who, text);
    await api.until(() => api.sentTo(group.id).length > before, 8000, `an answer to ${text}`);
    return { ...api.sentTo(group.id).at(-1)! };
  }

  async function presses(who: User, msg: SentMessage, label: RegExp): Promise<string> {
    const data = msg.reply_markup?.inline_keyboard.flat().find((b) => label.test(b.text))?.callback_data;
    if (!data) throw new Error(`no button ${label} on ${msg.text}`);
    const id = api.userPresses(group, who, msg, data);
    await api.until(() => api.callbackAnswers.some((a) => a.callback_query_id === id), 8000, 'the toast');
    return api.callbackAnswers.find((a) => a.callback_query_id === id)!.text ?? '';
  }

  it("an admin's Tomorrow on a member's reminder is 09:00 tomorrow in the member's zone", async () => {
    await says(ada, '/tz Asia/Tokyo');
    const id = /\[([a-z0-9]+)\]/.exec((await says(ada, '/remind in 2 hours stretch')).text)![1]!;
    await clock.advance(2 * 3600_000); // 12:00 UTC: Sun 22 Nov 21:00 in Tokyo
    await api.until(() => api.sentTo(group.id).some((m) => m.text.startsWith('⏰')), 8000, 'the reminder');
    const fired = { ...api.sentTo(group.id).find((m) => m.text.startsWith('⏰'))! };

    expect(await presses(sam, fired, /Tomorrow/)).toContain('09:00');
    // Mon 23 Nov 09:00 in Tokyo (UTC+9) is Mon 23 Nov 00:00 UTC; Sam's 09:00 would be 09:00 UTC.
    expect((await app.store.jobs.getJob(id))?.nextRunAt).toEqual(new Date('2026-11-23T00:00:00Z'));
  });
});
