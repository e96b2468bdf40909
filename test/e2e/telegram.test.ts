import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramAdapter } from '../../adapters/telegram/index.js';
import { type App, createApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { startTestApi, TEST_API_POLLING_PAUSE_MS, type TestApi } from '../emulators/telegram/test-api.js';

/**
 * The real grammY bot and the real app (SQLite file, scheduler, outbox dispatcher, chat layer)
 * against telegram-test-api, with a ManualClock: time moves only when the test says so, and
 * HTTP is real, so the test then waits (real time, briefly) for the bot's messages.
 */

const FORUM = -1001234567890;
const TOPIC = 77;
const GROUP = -4001;

type BotMessage = ReturnType<TestApi['botMessages']>[number];
type Keyboard = { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };

describe('Telegram end to end (telegram-test-api, real app)', () => {
  let api: TestApi;
  let dir: string;
  let clock: ManualClock;
  let app: App | undefined;

  function startApp(): Promise<App> {
    const config = loadConfig({
      CHIME_DB: join(dir, 'chime.db'),
      LOG_LEVEL: 'silent',
      TELEGRAM_BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
    });
    const adapter = createTelegramAdapter({
      token: api.token,
      apiRoot: api.apiRoot,
      pollingPause: TEST_API_POLLING_PAUSE_MS,
      rateLimits: { perChatIntervalMs: 20 },
    });
    const created = createApp({ config, clock, logger: silentLogger(), adapters: [adapter] });
    app = created;
    return created.start().then(() => created);
  }

  async function sent(count: number): Promise<BotMessage[]> {
    await api.waitForBotMessages((m) => m.length >= count, 8000);
    return api.botMessages();
  }

  function button(msg: BotMessage, label: RegExp): string {
    const keyboard = msg.message.reply_markup as Keyboard | undefined;
    const found = keyboard?.inline_keyboard.flat().find((b) => label.test(b.text));
    if (!found) throw new Error(`no button ${label} on ${JSON.stringify(msg.message)}`);
    return found.callback_data;
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chime-tg-e2e-'));
    api = await startTestApi();
    clock = new ManualClock('2026-11-22T10:00:00Z');
  });

  afterEach(async () => {
    await app?.stop();
    app = undefined;
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('forum topic: confirmation and reminder arrive in the topic, Snooze reschedules it 10 minutes later', async () => {
    const running = await startApp();
    const sam = api.client({ userId: 42, chatId: FORUM, type: 'supergroup', firstName: 'Sam', chatTitle: 'Team' });
    const topic = { message_thread_id: TOPIC, is_topic_message: true, chat: { is_forum: true } };
    await sam.sendCommand(sam.makeCommand('/remind in 2 minutes stretch', topic as never));

    const [confirmation] = await sent(1);
    expect(confirmation!.message).toMatchObject({ chat_id: FORUM, message_thread_id: TOPIC });
    expect(String(confirmation!.message.text)).toMatch(/stretch/);
    const [job] = await running.store.jobs.listJobs({ originChatId: String(FORUM) });
    expect(job).toMatchObject({ status: 'active', origin: { chatId: String(FORUM), threadId: String(TOPIC) } });

    await clock.advance(2 * 60_000);
    const reminder = (await sent(2))[1]!;
    expect(reminder.message).toMatchObject({ chat_id: FORUM, message_thread_id: TOPIC });
    expect(String(reminder.message.text)).toMatch(/stretch/);
    const snooze = button(reminder, /Snooze 10/);
    expect(snooze).toContain(job!.id);

    await sam.sendCallback(
      sam.makeCallbackQuery(snooze, {
        message: {
          message_id: reminder.messageId,
          chat: { id: FORUM, type: 'supergroup' },
          message_thread_id: TOPIC,
          is_topic_message: true,
          text: String(reminder.message.text),
        },
      } as never),
    );
    await api.waitForBotMessages(() => api.botMessages()[1]!.message.text !== reminder.message.text, 8000);
    const snoozed = await running.store.jobs.getJob(job!.id);
    expect(snoozed?.nextRunAt?.toISOString()).toBe(new Date(clock.now().getTime() + 10 * 60_000).toISOString());

    await clock.advance(10 * 60_000);
    const again = (await sent(3))[2]!;
    expect(again.message).toMatchObject({ chat_id: FORUM, message_thread_id: TOPIC });
    expect(String(again.message.text)).toMatch(/stretch/);
  });

  it('private chat (command and plain "remind me") and group (/remind@Bot) reminders go back to their chats', async () => {
    await startApp();
    const ada = api.client({ userId: 7, chatId: 7, firstName: 'Ada' });
    await ada.sendCommand(ada.makeCommand('/remind in 1 minute tea'));
    await sent(1);
    await ada.sendMessage(ada.makeMessage('remind me in 1 minute water the plants'));
    await sent(2);
    const grp = api.client({ userId: 8, chatId: GROUP, type: 'group', firstName: 'Bo', chatTitle: 'Friends' });
    await grp.sendCommand(grp.makeCommand('/remind@TestNameBot in 1 minute standup'));
    await sent(3);

    await clock.advance(60_000);
    const all = await sent(6);
    const reminders = all.slice(3).map((m) => [m.message.chat_id, String(m.message.text)]);
    expect(reminders).toEqual(
      expect.arrayContaining([
        [7, expect.stringMatching(/tea/)],
        [7, expect.stringMatching(/water the plants/)],
        [GROUP, expect.stringMatching(/standup/)],
      ]),
    );
    for (const m of all.slice(3)) expect(m.message.message_thread_id).toBeUndefined();
  });

  it('a restart between creation and due time still delivers (same SQLite file, new bot)', async () => {
    const first = await startApp();
    const ada = api.client({ userId: 7, chatId: 7, firstName: 'Ada' });
    await ada.sendCommand(ada.makeCommand('/remind in 5 minutes call the bank'));
    await sent(1);
    await first.stop();
    app = undefined;

    await clock.advance(2 * 60_000);
    await startApp();
    await clock.advance(3 * 60_000);
    const [, reminder] = await sent(2);
    expect(reminder!.message).toMatchObject({ chat_id: 7 });
    expect(String(reminder!.message.text)).toMatch(/call the bank/);
  });
});
