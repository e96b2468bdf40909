import { describe, expect, it } from 'vitest';
import {
  commandText,
  contextOf,
  isRefusal,
  NEEDS_MANAGE_CHANNELS_CHANNEL,
  NEEDS_MANAGE_CHANNELS_ROLES,
  NO_CHANNEL_IN_DMS,
  Perm,
  toIncomingAction,
  toIncomingMessage,
  type SlashInvocation,
} from '../../../adapters/discord/to-incoming.js';

const GUILD = '900';
const CHANNEL = '100';
const THREAD = '101';
const OTHER = '200';
const member = { userId: '7', userName: 'Sam', permissions: Perm.SendMessages };
const mod = { ...member, permissions: Perm.SendMessages | Perm.ManageMessages };
const manager = { ...member, permissions: Perm.SendMessages | Perm.ManageChannels };
const admin = { ...member, permissions: Perm.Administrator };

describe('slash commands become the chat layer text commands', () => {
  it('/remind when: what: joins into "/remind <when> <what>" (recurrence too)', () => {
    expect(commandText({ name: 'remind', options: { when: 'every weekday at 9', what: 'standup' } })).toBe(
      '/remind every weekday at 9 standup',
    );
  });

  it('/reminders subcommands map to /list, /cancel <id>, /snooze <id> <for>, /history without id', () => {
    expect(commandText({ name: 'reminders', subcommand: 'list', options: {} })).toBe('/list');
    expect(commandText({ name: 'reminders', subcommand: 'cancel', options: { id: 'k7m2qd' } })).toBe('/cancel k7m2qd');
    expect(commandText({ name: 'reminders', subcommand: 'pause', options: { id: 'k7' } })).toBe('/pause k7');
    expect(commandText({ name: 'reminders', subcommand: 'resume', options: { id: 'k7' } })).toBe('/resume k7');
    expect(commandText({ name: 'reminders', subcommand: 'run', options: { id: 'k7' } })).toBe('/run k7');
    expect(commandText({ name: 'reminders', subcommand: 'snooze', options: { id: 'k7', for: '30m' } })).toBe('/snooze k7 30m');
    expect(commandText({ name: 'reminders', subcommand: 'history', options: {} })).toBe('/history');
    expect(commandText({ name: 'reminders', subcommand: 'next', options: {} })).toBe('/next');
    expect(commandText({ name: 'reminders', subcommand: 'nope', options: {} })).toBeUndefined();
  });

  it('/reminders edit forces the reading of a lone part with when:/text: prefixes', () => {
    expect(commandText({ name: 'reminders', subcommand: 'edit', options: { id: 'k7', when: 'tomorrow at 10' } })).toBe(
      '/edit k7 when: tomorrow at 10',
    );
    expect(commandText({ name: 'reminders', subcommand: 'edit', options: { id: 'k7', text: 'call mom' } })).toBe('/edit k7 text: call mom');
    expect(commandText({ name: 'reminders', subcommand: 'edit', options: { id: 'k7', when: 'at 10', text: 'call mom' } })).toBe(
      '/edit k7 at 10 call mom',
    );
  });

  it('/timezone, /remember, /recall, /forget, /watch, /help', () => {
    expect(commandText({ name: 'timezone', options: { zone: 'Europe/Berlin' } })).toBe('/tz Europe/Berlin');
    expect(commandText({ name: 'timezone', options: { zone: 'Europe/Berlin', chat: true } })).toBe('/tz chat Europe/Berlin');
    expect(commandText({ name: 'timezone', options: {} })).toBe('/tz');
    expect(commandText({ name: 'remember', options: { note: 'door code 1234' } })).toBe('/remember door code 1234');
    expect(commandText({ name: 'recall', options: {} })).toBe('/recall');
    expect(commandText({ name: 'forget', options: { number: 2 } })).toBe('/forget 2');
    expect(commandText({ name: 'watch', options: { url: 'https://example.com', every: '30s' } })).toBe(
      '/watch https://example.com every 30s',
    );
    expect(commandText({ name: 'watch', options: { url: 'https://example.com', every: 'every 5m' } })).toBe(
      '/watch https://example.com every 5m',
    );
    expect(commandText({ name: 'watch', options: { url: 'https://example.com' } })).toBe('/watch https://example.com');
    expect(commandText({ name: 'help', options: {} })).toBe('/help');
    expect(commandText({ name: 'unknown', options: {} })).toBeUndefined();
  });
});

describe('chat context', () => {
  it('a guild channel is a group chat; Manage Messages makes the member a chat admin', () => {
    expect(contextOf({ channelId: CHANNEL, guildId: GUILD }, member)).toEqual({
      platform: 'discord',
      chatId: CHANNEL,
      chatType: 'group',
      userId: '7',
      userName: 'Sam',
      isAdmin: false,
    });
    expect(contextOf({ channelId: CHANNEL, guildId: GUILD }, mod).isAdmin).toBe(true);
    expect(contextOf({ channelId: CHANNEL, guildId: GUILD }, admin).isAdmin).toBe(true);
    expect(contextOf({ channelId: CHANNEL, guildId: GUILD }, manager).isAdmin).toBe(false);
  });

  it('a thread is the parent channel as chat and the thread as threadId (answers go to the thread)', () => {
    expect(contextOf({ channelId: THREAD, guildId: GUILD, parentId: CHANNEL }, member)).toMatchObject({
      chatId: CHANNEL,
      threadId: THREAD,
      chatType: 'group',
    });
  });

  it('a DM is a private chat whose one person is its admin', () => {
    expect(contextOf({ channelId: '55' }, { userId: '7', userName: 'Sam' })).toMatchObject({
      chatId: '55',
      chatType: 'private',
      isAdmin: true,
    });
  });

  it('a button press carries the pressed message id, its text and the custom id', () => {
    const action = toIncomingAction(
      { channelId: THREAD, guildId: GUILD, parentId: CHANNEL },
      member,
      { id: '555', content: '⏰ <@7>: stretch' },
      's10:k7m2qd',
    );
    expect(action).toMatchObject({
      chatId: CHANNEL,
      threadId: THREAD,
      messageId: '555',
      actionId: 's10:k7m2qd',
      messageText: '⏰ <@7>: stretch',
      isAdmin: false,
    });
  });
});

describe('permission rules for /remind', () => {
  const remind = (what: string, channel?: string) => ({
    name: 'remind',
    options: { when: 'in 1 hour', what, ...(channel ? { channel } : {}) },
  });
  const here = { channelId: CHANNEL, guildId: GUILD };

  it('channel: naming the current channel needs nothing extra', () => {
    const msg = toIncomingMessage(remind('x', CHANNEL), here, member, { id: CHANNEL });
    expect(isRefusal(msg)).toBe(false);
    expect(msg).toMatchObject({ chatId: CHANNEL, text: '/remind in 1 hour x' });
  });

  it('when: and what: are also passed apart (parts), so "call mom at 5" stays text', () => {
    expect(toIncomingMessage(remind('call mom at 5'), here, member)).toMatchObject({
      text: '/remind in 1 hour call mom at 5',
      parts: { when: 'in 1 hour', what: 'call mom at 5' },
    });
    const edit = { name: 'reminders', subcommand: 'edit', options: { id: 'k7', text: 'call mom at 5' } };
    expect(toIncomingMessage(edit, here, member)).toMatchObject({ parts: { what: 'call mom at 5' } });
    expect(toIncomingMessage({ name: 'recall', options: {} }, here, member)).not.toHaveProperty('parts');
  });

  it('channel: another channel is refused without Manage Channels', () => {
    expect(toIncomingMessage(remind('x', OTHER), here, member, { id: OTHER })).toEqual({ refused: NEEDS_MANAGE_CHANNELS_CHANNEL });
    expect(toIncomingMessage(remind('x', OTHER), here, mod, { id: OTHER })).toEqual({ refused: NEEDS_MANAGE_CHANNELS_CHANNEL });
  });

  it('channel: another channel with Manage Channels (or Administrator) makes that channel the origin', () => {
    expect(toIncomingMessage(remind('x', OTHER), here, manager, { id: OTHER })).toMatchObject({ chatId: OTHER, chatType: 'group' });
    expect(toIncomingMessage(remind('x', OTHER), here, admin, { id: OTHER })).toMatchObject({ chatId: OTHER });
  });

  it('channel: a thread elsewhere becomes chatId = its parent, threadId = the thread', () => {
    const msg = toIncomingMessage(remind('x', '301'), here, manager, { id: '301', parentId: OTHER });
    expect(msg).toMatchObject({ chatId: OTHER, threadId: '301' });
  });

  it('role mentions, @everyone and @here need Manage Channels', () => {
    for (const what of ['ping <@&123> standup', '@everyone standup', 'hey @here']) {
      expect(toIncomingMessage(remind(what), here, member)).toEqual({ refused: NEEDS_MANAGE_CHANNELS_ROLES });
      expect(isRefusal(toIncomingMessage(remind(what), here, manager))).toBe(false);
    }
    expect(isRefusal(toIncomingMessage(remind('ping <@123> (a user)'), here, member))).toBe(false);
  });

  it('so do role mentions written into a reminder any other way: /reminders edit (text or when), /ask', () => {
    const edit = (o: SlashInvocation['options']): SlashInvocation => ({
      name: 'reminders',
      subcommand: 'edit',
      options: { id: 'k7m2qd', ...o },
    });
    const ask: SlashInvocation = { name: 'ask', options: { text: 'remind us at 5 <@&123> standup' } };
    for (const inv of [edit({ text: '<@&123> standup' }), edit({ when: 'at 5 <@&123>' }), ask]) {
      expect(toIncomingMessage(inv, here, member)).toEqual({ refused: NEEDS_MANAGE_CHANNELS_ROLES });
      expect(isRefusal(toIncomingMessage(inv, here, manager))).toBe(false);
    }
    expect(isRefusal(toIncomingMessage({ name: 'remember', options: { note: 'the <@&123> role' } }, here, member))).toBe(false);
  });

  it('in a DM, channel: other than the DM is refused', () => {
    expect(toIncomingMessage(remind('x', OTHER), { channelId: '55' }, { userId: '7', userName: 'Sam' }, { id: OTHER })).toEqual({
      refused: NO_CHANNEL_IN_DMS,
    });
  });
});
