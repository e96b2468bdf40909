import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramAdapter } from '../../adapters/telegram/index.js';
import { type App, createApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { FakeBotApi, type FakeChatSpec, type SentMessage } from '../emulators/telegram/fake-bot-api.js';

/**
 * A new user's first minutes on Telegram, through the real app and Chime's Bot API fake:
 * plain sentences, the time zone question and its buttons, zone changes, bare night hours.
 * The app runs with the default zone (UTC), as installed from the README.
 */

const sam: User = { id: 601, is_bot: false, first_name: 'Sam' };

describe('Telegram: reading what a new user types (Bot API fake, real app)', () => {
  let api: FakeBotApi;
  let dir: string;
  let clock: ManualClock;
  let app: App;
  let samChat: FakeChatSpec;
  let group: FakeChatSpec;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chime-tg-zones-'));
    api = await new FakeBotApi().start();
    samChat = api.addChat({ id: sam.id, type: 'private' });
    group = api.addChat({ id: -6001, type: 'group', title: 'Family' });
    clock = new ManualClock('2026-11-22T10:00:00Z'); // a Sunday
    const config = loadConfig({ CHIME_DB: join(dir, 'chime.db'), LOG_LEVEL: 'silent', TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot });
    const adapter = createTelegramAdapter({ token: api.token, apiRoot: api.apiRoot, rateLimits: { perChatIntervalMs: 20 } });
    app = createApp({ config, clock, logger: silentLogger(), adapters: [adapter] });
    await app.start();
  });

  afterEach(async () => {
    await app.stop();
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Sends `text` as Sam in `chat` and returns the bot's next message there. */
  async function samSays(chat: FakeChatSpec, text: string): Promise<SentMessage> {
    const before = api.sentTo(chat.id).length;
    api.userSays(chat, sam, text);
    await api.until(() => api.sentTo(chat.id).length > before, 5000, `an answer to "${text}"`);
    return api.sentTo(chat.id)[before]!;
  }

  function buttons(m: SentMessage): Array<{ text: string; data: string }> {
    return (m.reply_markup?.inline_keyboard ?? []).flat().map((b) => ({ text: b.text, data: b.callback_data ?? '' }));
  }

  it('a plain sentence in the private chat is a reminder with an Undo button, and it fires', async () => {
    const answer = await samSays(samChat, 'in 90 seconds check the oven');
    expect(answer.text).toMatch(/Reminder set \[\w+\]: check the oven/);
    expect(buttons(answer).map((b) => b.text)).toContain('Undo');
    await clock.advance(90_000);
    await api.until(() => api.sentTo(sam.id).some((m) => m.text.includes('check the oven') && m !== answer), 8000, 'the reminder');
  });

  it('chatter in the private chat gets the hint; a plain sentence in a group is ignored', async () => {
    expect((await samSays(samChat, 'good morning')).text).toContain("I didn't catch that");
    api.userSays(group, sam, 'in 90 seconds check the oven');
    expect((await samSays(group, '/remind in 5 minutes tea')).text).toContain('tea');
    expect(api.sentTo(group.id)).toHaveLength(1);
    expect(await app.store.jobs.listJobs({ originChatId: String(group.id) })).toHaveLength(1);
  });
});
