import { REST } from 'discord.js';
import { mentionPart, outgoing, textMessage, textPart } from '../../../src/core/outgoing-message.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordSender, toMessagePayload } from '../../../adapters/discord/index.js';
import { splitLong } from '../../../adapters/discord/sender.js';
import { isChannelSend } from '../../../adapters/discord/adapter.js';
import { silentLogger } from '../../../adapters/discord/logger.js';
import { PermanentDeliveryError, RateLimitedError, TransientDeliveryError, type Sender } from '../../../src/core/ports/sender.js';
import { DiscordEmulator } from '../../emulators/discord/emulator.js';

const buttons = [
  [
    { id: 's10:k7', label: 'Snooze 10 min' },
    { id: 's60:k7', label: 'Snooze 1 h' },
    { id: 'tm:k7', label: 'Tomorrow' },
  ],
  [
    { id: 'done:k7', label: 'Done' },
    { id: 'stop:k7', label: 'Stop' },
  ],
];

describe('message payload', () => {
  it('buttons become action rows whose custom_id is the action id', () => {
    const p = toMessagePayload(textMessage('x', { actions: buttons }));
    expect(p.components).toHaveLength(2);
    expect(p.components[0]!.components.map((b) => b.custom_id)).toEqual(['s10:k7', 's60:k7', 'tm:k7']);
    expect(p.components[1]!.components.map((b) => [b.label, b.style])).toEqual([
      ['Done', 3],
      ['Stop', 4],
    ]);
  });

  it('a mention part is a <@id> ping listed in allowed_mentions, whatever the name contains', () => {
    // Names that broke reading the addressee back out of "⏰ Name: text": a colon, emoji,
    // markdown characters. Discord shows the person's name for <@id>; ours is not in the content.
    for (const name of ['Sam', 'Dr: Who', '🦊 Fox 🦊', '*Sam* _the_ <b>']) {
      const p = toMessagePayload(outgoing([textPart('⏰ '), mentionPart('42', name), textPart(': stretch')]));
      expect(p.content).toBe('⏰ <@42>: stretch');
      expect(p.allowed_mentions).toEqual({ parse: [], users: ['42'], roles: [] });
    }
  });

  it('text shaped like "Name: text", or a user ping typed in the text, pings nobody', () => {
    const p = toMessagePayload(textMessage('⏰ Sam: stretch <@43>'));
    expect(p.content).toBe('⏰ Sam: stretch <@43>');
    expect(p.allowed_mentions.users).toEqual([]);
  });

  it('a silent message suppresses notifications', () => {
    expect(toMessagePayload(textMessage('hush', { silent: true })).flags).toBe(4096);
    expect(toMessagePayload(textMessage('ring')).flags).toBeUndefined();
  });

  it('@everyone is never pinged; role mentions written as <@&id> are', () => {
    const p = toMessagePayload(textMessage('⏰ @everyone <@&77> standup'));
    expect(p.allowed_mentions).toEqual({ parse: [], users: [], roles: ['77'] });
  });

  it('content is clipped to Discord’s 2000 characters; a quote is shown and replied to', () => {
    expect(toMessagePayload(textMessage('a'.repeat(2500))).content).toHaveLength(2000);
    const p = toMessagePayload(textMessage('⏰ look at this', { quote: { messageId: '999', text: 'the plan' } }));
    expect(p.content).toBe('⏰ look at this\n> the plan');
    expect(p.message_reference).toEqual({ message_id: '999', fail_if_not_exists: false });
  });
});

describe('which 429s go back to the outbox', () => {
  it('only channel message posts; interaction answers always wait in discord.js’ queue', () => {
    expect(isChannelSend('POST', '/channels/:id/messages')).toBe(true);
    expect(isChannelSend('post', '/channels/:id/messages')).toBe(true);
    expect(isChannelSend('PATCH', '/webhooks/:id/:token/messages/@original')).toBe(false);
    expect(isChannelSend('POST', '/interactions/:id/:token/callback')).toBe(false);
    expect(isChannelSend('POST', '/webhooks/:id/:token')).toBe(false);
  });
});

describe('long answers', () => {
  it('are split at line breaks into parts of at most 2000 characters, buttons on the last part, nothing lost', () => {
    const lines = Array.from(
      { length: 60 },
      (_, i) => `k${String(i).padStart(5, '0')} · Mon 23 Nov 09:00 (in 23 hours) · reminder number ${i} with some words`,
    );
    const parts = splitLong({ text: lines.join('\n'), actions: [[{ id: 'x:1', label: 'X' }]] });
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.text.length).toBeLessThanOrEqual(2000);
    expect(parts.map((p) => p.text).join('\n')).toBe(lines.join('\n'));
    expect(parts.map((p) => p.actions !== undefined)).toEqual([...parts.slice(1).map(() => false), true]);
  });

  it('a single line longer than the limit is cut into pieces', () => {
    const parts = splitLong({ text: 'a'.repeat(4500) });
    expect(parts.map((p) => p.text.length)).toEqual([2000, 2000, 500]);
  });
});

describe('Discord sender against the emulator', () => {
  let emu: DiscordEmulator;
  let rest: REST;
  let sender: Sender;

  beforeEach(async () => {
    emu = await new DiscordEmulator().start();
    rest = new REST({ api: emu.apiUrl, retries: 1, rejectOnRateLimit: (info) => info.retryAfter > 5000 }).setToken(emu.token);
    sender = createDiscordSender(rest, silentLogger);
  });
  afterEach(async () => {
    await emu.stop();
  });

  it('posts to the channel with buttons and the ping', async () => {
    const ref = await sender.send(
      { platform: 'discord', chatId: emu.generalChannel.id },
      outgoing([textPart('⏰ '), mentionPart('42', 'Dr: Who'), textPart(': stretch')], { actions: buttons }),
    );
    const [msg] = emu.messagesIn(emu.generalChannel.id);
    expect(msg).toMatchObject({ id: ref.messageId, content: '⏰ <@42>: stretch', via: 'channel' });
    expect(msg!.allowed_mentions).toEqual({ parse: [], users: ['42'], roles: [] });
    expect(msg!.components).toHaveLength(2);
  });

  it('a thread address posts in the thread (threadId wins over chatId)', async () => {
    const thread = emu.addThread(emu.generalChannel.id, 'planning');
    await sender.send({ platform: 'discord', chatId: emu.generalChannel.id, threadId: thread.id }, textMessage('in the thread'));
    expect(emu.messagesIn(thread.id).map((m) => m.content)).toEqual(['in the thread']);
    expect(emu.messagesIn(emu.generalChannel.id)).toHaveLength(0);
  });

  it('a deleted thread: the message goes to its parent channel instead of being lost', async () => {
    await sender.send({ platform: 'discord', chatId: emu.generalChannel.id, threadId: '123456789' }, textMessage('fallback'));
    expect(emu.messagesIn(emu.generalChannel.id).map((m) => m.content)).toEqual(['fallback']);
  });

  it('a locked archived thread (50083): the message goes to its parent channel', async () => {
    const thread = emu.addThread(emu.generalChannel.id, 'old');
    emu.injectFault({ method: 'POST', path: new RegExp(`^/channels/${thread.id}/messages$`), times: 1, status: 400, code: 50083 });
    await sender.send({ platform: 'discord', chatId: emu.generalChannel.id, threadId: thread.id }, textMessage('to the parent'));
    expect(emu.messagesIn(emu.generalChannel.id).map((m) => m.content)).toEqual(['to the parent']);
  });

  it('an unknown channel is a PermanentDeliveryError', async () => {
    await expect(sender.send({ platform: 'discord', chatId: '123456789' }, textMessage('x'))).rejects.toBeInstanceOf(
      PermanentDeliveryError,
    );
  });

  it('403 Missing Access is a PermanentDeliveryError', async () => {
    emu.injectFault({ method: 'POST', path: /\/channels\/\d+\/messages/, times: 1, status: 403 });
    await expect(sender.send({ platform: 'discord', chatId: emu.generalChannel.id }, textMessage('x'))).rejects.toBeInstanceOf(
      PermanentDeliveryError,
    );
  });

  it('5xx after discord.js’ own retries is a TransientDeliveryError; one 500 is retried by discord.js', async () => {
    emu.injectFault({ method: 'POST', path: /\/channels\/\d+\/messages/, times: 2, status: 500 });
    await expect(sender.send({ platform: 'discord', chatId: emu.generalChannel.id }, textMessage('x'))).rejects.toBeInstanceOf(
      TransientDeliveryError,
    );
    emu.injectFault({ method: 'POST', path: /\/channels\/\d+\/messages/, times: 1, status: 502 });
    await sender.send({ platform: 'discord', chatId: emu.generalChannel.id }, textMessage('after one 502'));
    expect(emu.messagesIn(emu.generalChannel.id).map((m) => m.content)).toEqual(['after one 502']);
  });

  it('a short 429 is waited out in discord.js’ queue and delivered', async () => {
    emu.injectFault({ method: 'POST', path: /\/channels\/\d+\/messages/, times: 1, status: 429, retryAfter: 0.2 });
    await sender.send({ platform: 'discord', chatId: emu.generalChannel.id }, textMessage('later'));
    expect(emu.messagesIn(emu.generalChannel.id).map((m) => m.content)).toEqual(['later']);
    expect(emu.rest.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([429, 200]);
  });

  it('a long 429 surfaces as RateLimitedError with its retry-after, for the outbox to reschedule', async () => {
    emu.injectFault({ method: 'POST', path: /\/channels\/\d+\/messages/, times: 1, status: 429, retryAfter: 30 });
    const err = await sender.send({ platform: 'discord', chatId: emu.generalChannel.id }, textMessage('x')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBeGreaterThanOrEqual(29_000);
  });

  it('a burst to one channel is paced by discord.js’ queue from the bucket headers: in order, no 429, nothing lost', async () => {
    emu.channelRateLimit = { limit: 5, windowMs: 400 };
    const started = Date.now();
    const to = { platform: 'discord', chatId: emu.generalChannel.id };
    await Promise.all(Array.from({ length: 15 }, (_, i) => sender.send(to, textMessage(`m${i}`))));
    expect(emu.messagesIn(emu.generalChannel.id).map((m) => m.content)).toEqual(Array.from({ length: 15 }, (_, i) => `m${i}`));
    expect(emu.rateLimited).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
  });

  it('a network failure is a TransientDeliveryError', async () => {
    const dead = new REST({ api: 'http://127.0.0.1:9/api', retries: 0, timeout: 2000 }).setToken('t');
    const s = createDiscordSender(dead, silentLogger);
    await expect(s.send({ platform: 'discord', chatId: '1' }, textMessage('x'))).rejects.toBeInstanceOf(TransientDeliveryError);
  });
});
