import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramAdapter, type TelegramAdapter } from '../../../adapters/telegram/index.js';
import { startTestApi, TEST_API_POLLING_PAUSE_MS, type TestApi } from '../../emulators/telegram/test-api.js';
import { FakeChat, eventually, recordingLogger } from './fake-chat.js';

describe('telegram adapter against telegram-test-api', () => {
  let api: TestApi;
  let adapter: TelegramAdapter;
  let chat: FakeChat;
  const logger = recordingLogger();

  beforeEach(async () => {
    api = await startTestApi();
    chat = new FakeChat();
    adapter = createTelegramAdapter({
      token: api.token,
      apiRoot: api.apiRoot,
      logger,
      pollingPause: TEST_API_POLLING_PAUSE_MS,
      rateLimits: { perChatIntervalMs: 20 },
    });
    await adapter.start(chat);
  });

  afterEach(async () => {
    await adapter.stop();
    await api.stop();
  });

  it('a command in a private chat reaches the chat layer and its answer comes back to that chat, replying to it', async () => {
    const client = api.client({ userId: 42, chatId: 42, firstName: 'Sam', userName: 'sam' });
    await client.sendCommand(client.makeCommand('/remind in 2 minutes stretch'));
    await api.waitForBotMessages((m) => m.length === 1);
    expect(chat.messages[0]).toMatchObject({
      platform: 'telegram',
      chatId: '42',
      chatType: 'private',
      userId: '42',
      userName: 'Sam',
      isAdmin: true,
      text: '/remind in 2 minutes stretch',
    });
    const sent = api.botMessages()[0]!.message;
    expect(sent).toMatchObject({ chat_id: 42, text: 'echo: /remind in 2 minutes stretch' });
    expect(sent.reply_parameters).toMatchObject({ message_id: Number(chat.messages[0]!.messageId), allow_sending_without_reply: true });
    expect(sent.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: 'Snooze 10 min', callback_data: 'snooze:10m' },
          { text: 'Done', callback_data: 'done' },
        ],
      ],
    });
  });

  it('setMyCommands answered with HTTP 500 is logged as a warning and the bot keeps running', async () => {
    expect(logger.entries.some((e) => e.level === 'warn' && /setMyCommands/.test(e.msg ?? ''))).toBe(true);
    const client = api.client();
    await client.sendCommand(client.makeCommand('/help'));
    await eventually(() => chat.messages.length === 1, 5000, 'the /help message');
  });

  it('a button press answers the callback query and edits the pressed message in place', async () => {
    const client = api.client({ userId: 7, chatId: 7 });
    await client.sendCommand(client.makeCommand('/list'));
    await api.waitForBotMessages((m) => m.length === 1);
    const { messageId } = api.botMessages()[0]!;
    const press = client.makeCallbackQuery('snooze:10m', {
      message: { message_id: messageId, chat: { id: 7, type: 'private', first_name: 'x' } },
    });
    await client.sendCallback(press);
    await eventually(() => api.botMessages()[0]!.message.text === 'pressed snooze:10m', 5000, 'the edit');
    expect(chat.actions[0]).toMatchObject({ chatId: '7', messageId: String(messageId), actionId: 'snooze:10m' });
  });
});
