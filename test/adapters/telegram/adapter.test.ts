import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { User } from 'grammy/types';
import { createTelegramAdapter, type TelegramAdapter } from '../../../adapters/telegram/index.js';
import { GENERIC_FAILURE } from '../../../src/core/errors.js';
import { menuOf } from '../../../adapters/telegram/adapter.js';
import { FAKE_BOT, FakeBotApi, type FakeChatSpec } from '../../emulators/telegram/fake-bot-api.js';
import { FakeChat, eventually, holdMessages, recordingLogger } from './fake-chat.js';

const sam: User = { id: 501, is_bot: false, first_name: 'Sam', last_name: 'Lee', username: 'sam' };
const ada: User = { id: 502, is_bot: false, first_name: 'Ada' };

describe('telegram adapter (long polling against the Bot API fake)', () => {
  let api: FakeBotApi;
  let adapter: TelegramAdapter;
  let chat: FakeChat;
  let forum: FakeChatSpec;
  let group: FakeChatSpec;
  let logger: ReturnType<typeof recordingLogger>;

  beforeEach(async () => {
    api = await new FakeBotApi().start();
    forum = api.addChat({ id: -1001234567890, type: 'supergroup', isForum: true, title: 'Team' });
    api.addTopic(forum.id, 77);
    group = api.addChat({ id: -4001, type: 'group', title: 'Friends' });
    api.addChat({ id: sam.id, type: 'private' });
    chat = new FakeChat();
    logger = recordingLogger();
    adapter = createTelegramAdapter({
      token: api.token,
      apiRoot: api.apiRoot,
      logger,
      rateLimits: { perChatIntervalMs: 10 },
    });
    await adapter.start(chat);
  });

  afterEach(async () => {
    await adapter.stop();
    await api.stop();
  });

  it('registers the command menu with descriptions at start', () => {
    expect(api.commands?.map((c) => c.command)).toEqual(expect.arrayContaining(['remind', 'list', 'snooze', 'help']));
    expect(api.commands?.every((c) => c.description.length > 0)).toBe(true);
  });

  it('forum topic: the chat layer sees the topic and the answer goes to that topic, replying to the request', async () => {
    const req = api.userSays(forum, sam, '/remind in 2 minutes stretch', { threadId: 77 });
    await api.until(() => api.sent.length === 1);
    expect(chat.messages[0]).toMatchObject({
      chatId: String(forum.id),
      chatType: 'group',
      threadId: '77',
      text: '/remind in 2 minutes stretch',
    });
    // The implicit reply to the topic's root is not a reply the person made.
    expect(chat.messages[0]!.replyTo).toBeUndefined();
    expect(api.sent[0]).toMatchObject({
      chat_id: forum.id,
      message_thread_id: 77,
      reply_parameters: { message_id: req.message_id, allow_sending_without_reply: true },
    });
  });

  it('privacy-mode rules: group chatter is ignored; commands, /cmd@ChimeBot, mentions and replies to the bot are handled', async () => {
    api.userSays(group, sam, 'just chatting');
    api.userSays(group, sam, '/start@OtherBot');
    api.userSays(group, sam, '/remind@ChimeBot in 5 minutes tea');
    await api.until(() => api.sent.length === 1);
    api.userSays(group, ada, `@${FAKE_BOT.username} remind me in 1 hour call mom`, {
      entities: [{ type: 'mention', offset: 0, length: FAKE_BOT.username.length + 1 }],
    });
    await api.until(() => api.sent.length === 2);
    api.userSays(group, sam, '10m', { replyTo: api.sent[0]! });
    await api.until(() => api.sent.length === 3);
    expect(chat.messages.map((m) => m.text)).toEqual(['/remind in 5 minutes tea', 'remind me in 1 hour call mom', '10m']);
    expect(chat.messages[2]!.replyTo).toMatchObject({ messageId: String(api.sent[0]!.message_id), text: 'echo: /remind in 5 minutes tea' });
  });

  it('a reply in a supergroup carries the replied-to text and a t.me link', async () => {
    const original = api.userSays(forum, ada, 'deploy the new build', { threadId: 77 });
    api.userSays(forum, sam, '/remind 2h', { threadId: 77, replyTo: original });
    await api.until(() => api.sent.length === 1);
    // The original message was chatter, not for the bot; only the reply was handed over.
    expect(chat.messages).toHaveLength(1);
    expect(chat.messages[0]!.replyTo).toEqual({
      messageId: String(original.message_id),
      text: 'deploy the new build',
      link: `https://t.me/c/1234567890/${original.message_id}`,
    });
  });

  it('isAdmin comes from getChatMember (creator/administrator) and is cached', async () => {
    api.setAdmin(group.id, sam.id);
    api.userSays(group, sam, '/list');
    api.userSays(group, ada, '/list');
    api.userSays(group, sam, '/next');
    await api.until(() => chat.messages.length === 3);
    expect(chat.messages.map((m) => [m.userName, m.isAdmin])).toEqual([
      ['Sam Lee', true],
      ['Ada', false],
      ['Sam Lee', true],
    ]);
    expect(api.calls.filter((c) => c.method === 'getChatMember')).toHaveLength(2);
  });

  it('a button press in a topic: toast via answerCallbackQuery, the message edited in place, nothing posted', async () => {
    api.userSays(forum, sam, '/remind in 2 minutes stretch', { threadId: 77 });
    await api.until(() => api.sent.length === 1);
    const cbId = api.userPresses(forum, sam, api.sent[0]!, 'snooze:10m');
    await api.until(() => api.callbackAnswers.length === 1 && api.sent[0]!.edits === 1);
    expect(chat.actions[0]).toMatchObject({ chatId: String(forum.id), threadId: '77', actionId: 'snooze:10m', userId: String(sam.id) });
    expect(api.callbackAnswers[0]).toEqual({ callback_query_id: cbId, text: 'did snooze:10m' });
    expect(api.sent[0]).toMatchObject({ text: 'pressed snooze:10m' });
    expect(api.sent[0]!.reply_markup).toBeUndefined();
    expect(api.sent).toHaveLength(1);
  });

  it('an edit that keeps the text only replaces the buttons (editMessageReplyMarkup)', async () => {
    chat.answer = () => ({ edit: { text: 'echo: /list', actions: [[{ id: 'undo', label: 'Undo' }]] } });
    api.userSays(group, sam, '/list');
    await api.until(() => api.sent.length === 1);
    api.userPresses(group, sam, api.sent[0]!, 'done');
    await api.until(() => api.sent[0]!.edits === 1);
    expect(api.calls.some((c) => c.method === 'editMessageReplyMarkup')).toBe(true);
    expect(api.calls.some((c) => c.method === 'editMessageText')).toBe(false);
    expect(api.sent[0]!.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Undo', callback_data: 'undo' }]] });
  });

  it('a failing chat layer gets a polite answer in the chat and an error in the log, and the bot keeps going', async () => {
    chat.reply = () => {
      throw new Error('boom');
    };
    api.userSays(group, sam, '/list');
    await api.until(() => api.sent.length === 1);
    expect(api.sent[0]!.text).toBe(GENERIC_FAILURE);
    expect(logger.entries.some((e) => e.level === 'error')).toBe(true);
    chat.reply = (m) => [{ text: `ok ${m.text}` }];
    api.userSays(group, sam, '/next');
    await api.until(() => api.sent.length === 2);
  });

  it('each update is handled once: the poll confirms offsets', async () => {
    for (let i = 0; i < 5; i++) api.userSays(group, sam, `/remind in ${i + 1} minutes x`);
    await api.until(() => api.sent.length === 5);
    await new Promise((r) => setTimeout(r, 100));
    expect(chat.messages).toHaveLength(5);
  });

  it('per-chat lanes: a slow message holds up later messages of its chat only; each chat keeps its order', async () => {
    const release = holdMessages(chat, (m) => m.text === '/list slow');
    api.userSays(group, sam, '/list slow');
    api.userSays(group, sam, '/next after');
    api.userSays(forum, ada, '/list other chat', { threadId: 77 });
    await api.until(() => api.sent.length === 1);
    expect(api.sent[0]!.text).toBe('echo: /list other chat');
    expect(chat.messages.map((m) => m.text)).toEqual(['/list other chat']);
    release();
    await api.until(() => api.sent.length === 3);
    expect(api.sent.slice(1).map((m) => m.text)).toEqual(['echo: /list slow', 'echo: /next after']);
  });

  it('a button press is not held up by a slow message in the same chat', async () => {
    api.userSays(group, sam, '/list');
    await api.until(() => api.sent.length === 1);
    const release = holdMessages(chat);
    api.userSays(group, sam, '/next');
    api.userPresses(group, sam, api.sent[0]!, 'done');
    await api.until(() => api.callbackAnswers.length === 1);
    expect(api.sent).toHaveLength(1);
    release();
    await api.until(() => api.sent.length === 2);
  });

  it('stop() confirms the updates handled, so the next start is not handed them again', async () => {
    api.userSays(group, sam, '/list');
    await api.until(() => api.sent.length === 1);
    await adapter.stop();
    const again = new FakeChat();
    adapter = createTelegramAdapter({ token: api.token, apiRoot: api.apiRoot, rateLimits: { perChatIntervalMs: 10 } });
    await adapter.start(again);
    api.userSays(group, sam, '/next');
    await api.until(() => again.messages.length >= 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(again.messages.map((m) => m.text)).toEqual(['/next']);
  });

  it('stop() lets a message being handled finish and be answered', async () => {
    chat.reply = (m) => [{ text: `late ${m.text}` }];
    const release = holdMessages(chat);
    api.userSays(group, sam, '/list');
    await eventually(() => api.calls.some((c) => c.method === 'getChatMember'), 5000, 'the message to arrive');
    const stopping = adapter.stop();
    release();
    await stopping;
    expect(api.sent.map((m) => m.text)).toEqual(['late /list']);
  });
});

describe('start-up', () => {
  it('getMe failing with a 5xx is retried; a wrong token fails start at once', async () => {
    const api = await new FakeBotApi().start();
    try {
      api.failNext('getMe', { status: 502, description: 'Bad Gateway' });
      const ok = createTelegramAdapter({ token: api.token, apiRoot: api.apiRoot });
      await ok.start(new FakeChat());
      expect(ok.botUsername).toBe(FAKE_BOT.username);
      await ok.stop();
      const bad = createTelegramAdapter({ token: '1:WRONG', apiRoot: api.apiRoot });
      await expect(bad.start(new FakeChat())).rejects.toThrow(/401|Unauthorized/);
    } finally {
      await api.stop();
    }
  });
});

describe('start-up against a Bot API that keeps failing', () => {
  it('getMe is retried (by grammY) until the start timeout, then start fails saying so', async () => {
    const api = await new FakeBotApi().start();
    try {
      api.failWhen((method) => (method === 'getMe' ? { status: 502, description: 'Bad Gateway' } : undefined));
      const adapter = createTelegramAdapter({ token: api.token, apiRoot: api.apiRoot, initTimeoutMs: 500 });
      const started = Date.now();
      await expect(adapter.start(new FakeChat())).rejects.toThrow(/no answer to getMe within 0.5 s/);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(api.calls.filter((c) => c.method === 'getMe').length).toBeGreaterThan(1);
    } finally {
      await api.stop();
    }
  });
});

describe('command menu', () => {
  it('comes from the chat service’s own command list, keeping only names Telegram accepts', () => {
    const chat = Object.assign(new FakeChat(), {
      commands: [
        { name: 'remind', description: 'Set a reminder', usage: '/remind <when> <what>' },
        { name: 'Bad-Name', description: 'x', usage: '' },
        { name: 'tz', description: '  Your time zone ', usage: '/tz Europe/Berlin' },
      ],
    });
    expect(menuOf(chat)).toEqual([
      { command: 'remind', description: 'Set a reminder' },
      { command: 'tz', description: 'Your time zone' },
    ]);
    const bare = new FakeChat();
    bare.commands = undefined;
    expect(menuOf(bare)).toBeUndefined();
  });

  it('is not registered when the chat service lists no commands (no stale list of our own)', async () => {
    const api = await new FakeBotApi().start();
    const bare = new FakeChat();
    bare.commands = undefined;
    const adapter = createTelegramAdapter({ token: api.token, apiRoot: api.apiRoot });
    try {
      await adapter.start(bare);
      expect(api.commands).toBeUndefined();
    } finally {
      await adapter.stop();
      await api.stop();
    }
  });
});

describe('telegram adapter in webhook mode', () => {
  it('setWebhook with the secret, updates posted with the secret are handled, others refused', async () => {
    const api = await new FakeBotApi().start();
    const group = api.addChat({ id: -4002, type: 'group' });
    const chat = new FakeChat();
    const adapter = createTelegramAdapter({
      token: api.token,
      apiRoot: api.apiRoot,
      webhook: { url: 'https://chime.example/tg', port: 0, secret: 's3cret', host: '127.0.0.1' },
      rateLimits: { perChatIntervalMs: 10 },
    });
    try {
      await adapter.start(chat);
      expect(api.webhook).toEqual({ url: 'https://chime.example/tg', secret_token: 's3cret' });
      const update = (id: number, text: string): string =>
        JSON.stringify({
          update_id: id,
          message: {
            message_id: id,
            date: 0,
            chat: { id: group.id, type: 'group', title: 'g' },
            from: sam,
            text,
            entities: [{ type: 'bot_command', offset: 0, length: 5 }],
          },
        });
      const url = `http://127.0.0.1:${adapter.webhookPort}/`;
      const bad = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'nope' },
        body: update(1, '/list'),
      });
      expect(bad.status).toBe(401);
      const good = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 's3cret' },
        body: update(2, '/next'),
      });
      expect(good.status).toBe(200);
      await api.until(() => api.sent.length === 1);
      expect(chat.messages.map((m) => m.text)).toEqual(['/next']);
      expect(api.calls.some((c) => c.method === 'getUpdates')).toBe(false);
      // Telegram gets its answer before a slow handler is done (else it would time out and resend).
      const release = holdMessages(chat);
      const slow = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 's3cret' },
        body: update(3, '/list'),
      });
      expect(slow.status).toBe(200);
      expect(chat.messages).toHaveLength(1);
      release();
      await api.until(() => api.sent.length === 2);
    } finally {
      await adapter.stop();
      await api.stop();
    }
  });
});
