import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mentionPart, outgoing, textMessage, textPart } from '../../../src/core/outgoing-message.js';
import { createTelegramAdapter, type TelegramAdapterOptions } from '../../../adapters/telegram/index.js';
import { MAX_TEXT_LENGTH, toSendPayload } from '../../../adapters/telegram/sender.js';
import { PermanentDeliveryError, RateLimitedError, TransientDeliveryError } from '../../../src/core/ports/sender.js';
import { FakeBotApi } from '../../emulators/telegram/fake-bot-api.js';
import { recordingLogger } from './fake-chat.js';

const to = (chatId: number, extra: { threadId?: string; replyTo?: string } = {}) => ({
  platform: 'telegram',
  chatId: String(chatId),
  ...extra,
});

describe('toSendPayload', () => {
  it('same chat and topic, replying to the request with allow_sending_without_reply, buttons as callback_data', () => {
    const payload = toSendPayload(
      to(-100123, { threadId: '9', replyTo: '55' }),
      textMessage('stretch', {
        actions: [[{ id: 'a:1', label: 'Snooze 10 min' }], [], [{ id: 'a:2', label: 'Done' }]],
      }),
    );
    expect(payload).toEqual({
      chat_id: -100123,
      text: 'stretch',
      message_thread_id: 9,
      reply_parameters: { message_id: 55, allow_sending_without_reply: true },
      reply_markup: { inline_keyboard: [[{ text: 'Snooze 10 min', callback_data: 'a:1' }], [{ text: 'Done', callback_data: 'a:2' }]] },
    });
  });

  it('a reminder about another message replies to that message and carries its text and link', () => {
    const payload = toSendPayload(
      to(5, { replyTo: '10' }),
      textMessage('Reminder', {
        quote: { messageId: '7', text: 'deploy the build', link: 'https://t.me/c/1/7' },
      }),
    );
    expect(payload.reply_parameters).toEqual({ message_id: 7, allow_sending_without_reply: true });
    expect(payload.text).toBe('Reminder\n\n“deploy the build”\nhttps://t.me/c/1/7');
  });

  it('a mention part becomes a text_mention ping over the name, whatever the name contains', () => {
    // Names that broke reading the addressee back out of "⏰ Name: text": a colon, emoji,
    // markdown characters (sent without parse mode, so they are plain characters).
    for (const name of ['Sam Lee', 'Dr: Who', '🦊 Fox 🦊', '*Sam* _the_ [dev](x)']) {
      const payload = toSendPayload(to(-5), outgoing([textPart('⏰ '), mentionPart('501', name), textPart(': stretch')]));
      expect(payload.text).toBe(`⏰ ${name}: stretch`);
      expect(payload.entities).toEqual([
        { type: 'text_mention', offset: 2, length: name.length, user: { id: 501, is_bot: false, first_name: name } },
      ]);
      expect(payload.text.slice(2, 2 + name.length)).toBe(name);
    }
  });

  it('text shaped like "Name: text" without a mention part pings nobody', () => {
    expect(toSendPayload(to(-5), textMessage('⏰ Sam: stretch')).entities).toBeUndefined();
  });

  it('a mention cut by the length limit stops at the cut', () => {
    const payload = toSendPayload(to(5), outgoing([textPart('x'.repeat(4090)), mentionPart('501', 'Samantha')]));
    expect(payload.text).toHaveLength(MAX_TEXT_LENGTH);
    expect(payload.entities).toEqual([expect.objectContaining({ offset: 4090, length: 5 })]);
  });

  it('a silent message is sent without notification', () => {
    expect(toSendPayload(to(5), textMessage('hush', { silent: true })).disable_notification).toBe(true);
    expect(toSendPayload(to(5), textMessage('ring')).disable_notification).toBeUndefined();
  });

  it('text beyond Telegram’s 4096 characters is cut and marked, never refused', () => {
    const payload = toSendPayload(to(5), textMessage('x'.repeat(5000)));
    expect(payload.text).toHaveLength(MAX_TEXT_LENGTH);
    expect(payload.text.endsWith('…')).toBe(true);
  });
});

describe('telegram sender against the Bot API fake', () => {
  let api: FakeBotApi;
  const logger = recordingLogger();
  const make = (extra: Partial<TelegramAdapterOptions> = {}) =>
    createTelegramAdapter({ token: api.token, apiRoot: api.apiRoot, logger, rateLimits: { perChatIntervalMs: 10 }, ...extra }).sender;

  beforeEach(async () => {
    api = await new FakeBotApi().start();
    api.addChat({ id: 11, type: 'private' });
    api.addChat({ id: -1009, type: 'supergroup', isForum: true });
    api.addTopic(-1009, 3);
  });
  afterEach(async () => {
    await api.stop();
  });

  it('returns the platform message id of the sent message', async () => {
    const ref = await make().send(to(11), textMessage('hi'));
    expect(ref.messageId).toBe(String(api.sent[0]!.message_id));
  });

  it('403 (bot blocked by the user) is a PermanentDeliveryError', async () => {
    api.block(11);
    const err = await make()
      .send(to(11), textMessage('hi'))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentDeliveryError);
    expect((err as Error).message).toMatch(/403.*blocked/);
  });

  it('400 chat not found is a PermanentDeliveryError', async () => {
    await expect(make().send(to(999), textMessage('hi'))).rejects.toBeInstanceOf(PermanentDeliveryError);
  });

  it('429 with a long retry_after becomes RateLimitedError(retry_after in ms) for the outbox to wait on', async () => {
    api.failNext('sendMessage', { status: 429, description: 'Too Many Requests: retry after 30', retryAfter: 30 });
    const err = await make()
      .send(to(11), textMessage('hi'))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(30_000);
  });

  it('429 with a short retry_after is retried in place after retry_after and delivered once', async () => {
    api.failNext('sendMessage', { status: 429, description: 'Too Many Requests: retry after 1', retryAfter: 1 });
    const started = performance.now();
    await make().send(to(11), textMessage('hi'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(api.sent).toHaveLength(1);
    expect(api.tooManyRequests).toBe(1);
  });

  it('5xx is a TransientDeliveryError (the dispatcher backs off)', async () => {
    api.failNext('sendMessage', { status: 502, description: 'Bad Gateway' });
    await expect(make().send(to(11), textMessage('hi'))).rejects.toBeInstanceOf(TransientDeliveryError);
  });

  it('an unreachable Bot API is a TransientDeliveryError', async () => {
    const sender = make();
    await api.stop();
    await expect(sender.send(to(11), textMessage('hi'))).rejects.toBeInstanceOf(TransientDeliveryError);
  });

  it('a deleted forum topic: the message goes to the chat instead of being lost', async () => {
    api.deleteTopic(-1009, 3);
    await make().send(to(-1009, { threadId: '3' }), textMessage('stretch'));
    expect(api.sent).toEqual([expect.objectContaining({ chat_id: -1009, text: 'stretch' })]);
    expect(api.sent[0]!.message_thread_id).toBeUndefined();
  });

  it('a group upgraded to a supergroup: resent to the new chat id Telegram names', async () => {
    api.addChat({ id: -1000555, type: 'supergroup' });
    api.failNext('sendMessage', {
      status: 400,
      description: 'Bad Request: group chat was upgraded to a supergroup chat',
      migrateTo: -1000555,
    });
    await make().send(to(-555), textMessage('hi'));
    expect(api.sent[0]).toMatchObject({ chat_id: -1000555 });
  });

  it('one message per second per chat: three sends to one chat are spaced by the throttle, no 429', async () => {
    const limited = await new FakeBotApi({ limits: { globalPerSecond: 30, perChatIntervalMs: 1000 } }).start();
    limited.addChat({ id: 11, type: 'private' });
    try {
      const sender = createTelegramAdapter({ token: limited.token, apiRoot: limited.apiRoot }).sender;
      await Promise.all([1, 2, 3].map((n) => sender.send(to(11), textMessage(`m${n}`))));
      const at = limited.sent.map((m) => m.at);
      // The fake enforcing one per second per chat is the real check; the spacing proves the
      // throttle spaced them (unthrottled they arrive ms apart). Arrival times carry each
      // request's own latency, which jitters by tens of ms on a loaded machine (935 ms seen in CI).
      expect(limited.tooManyRequests).toBe(0);
      expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(900);
      expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(900);
    } finally {
      await limited.stop();
    }
  });

  it('overall limit: 45 sends to 45 chats take at least 1.4 s at 30/s and draw no 429', async () => {
    const limited = await new FakeBotApi({ limits: { globalPerSecond: 30 }, acceptUnknownChats: true }).start();
    try {
      const sender = createTelegramAdapter({ token: limited.token, apiRoot: limited.apiRoot }).sender;
      const started = performance.now();
      await Promise.all(Array.from({ length: 45 }, (_, i) => sender.send(to(100 + i), textMessage(`m${i}`))));
      expect(performance.now() - started).toBeGreaterThanOrEqual(1400);
      expect(limited.sent).toHaveLength(45);
      expect(limited.tooManyRequests).toBe(0);
    } finally {
      await limited.stop();
    }
  });
});
