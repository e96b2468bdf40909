import { describe, expect, it } from 'vitest';
import type { CallbackQuery, Message } from 'grammy/types';
import { addressedText, isForUs, messageLink, toIncomingAction, toIncomingMessage } from '../../../adapters/telegram/to-incoming.js';

const bot = { id: 99, username: 'ChimeBot' };
const from = { id: 5, is_bot: false, first_name: 'Sam' };
const supergroup = { id: -1001234, type: 'supergroup' as const, title: 'T', is_forum: true as const };

function msg(extra: Partial<Message> & { text: string }): Message {
  return { message_id: 10, date: 0, chat: { id: 5, type: 'private', first_name: 'Sam' }, from, ...extra } as Message;
}

describe('addressedText', () => {
  it('/remind@ChimeBot becomes /remind, whatever the case of the bot name', () => {
    expect(addressedText('/remind@chimebot in 2h tea', undefined, bot)).toMatchObject({
      text: '/remind in 2h tea',
      isCommand: true,
      forOtherBot: false,
    });
  });
  it('a command for another bot is marked as not ours', () => {
    expect(addressedText('/start@OtherBot', [{ type: 'bot_command', offset: 0, length: 15 }], bot).forOtherBot).toBe(true);
  });
  it('a leading @ChimeBot mention is dropped from the text', () => {
    expect(addressedText('@ChimeBot remind me in 1h x', undefined, bot)).toMatchObject({
      text: 'remind me in 1h x',
      mentionsBot: true,
      isCommand: false,
    });
  });
  it('"/x" formatted as code (first entity is not bot_command) is not a command', () => {
    expect(addressedText('/x y', [{ type: 'code', offset: 0, length: 2 }], bot).isCommand).toBe(false);
  });
});

describe('isForUs', () => {
  it('private chats: every text; groups: only commands, mentions and replies to the bot', () => {
    expect(isForUs(msg({ text: 'remind me tomorrow' }), bot)).toBe(true);
    const inGroup = { chat: { id: -5, type: 'group' as const, title: 'g' } };
    expect(isForUs(msg({ ...inGroup, text: 'remind me tomorrow' }), bot)).toBe(false);
    expect(isForUs(msg({ ...inGroup, text: '/list' }), bot)).toBe(true);
    const replyToBot = { message_id: 3, date: 0, chat: inGroup.chat, from: { id: 99, is_bot: true, first_name: 'Chime' }, text: 'hi' };
    expect(isForUs(msg({ ...inGroup, text: '2h', reply_to_message: replyToBot as Message['reply_to_message'] & object }), bot)).toBe(true);
  });
  it('the bot’s own messages and channels are never handled', () => {
    expect(isForUs(msg({ text: '/list', from: { id: 99, is_bot: true, first_name: 'Chime' } }), bot)).toBe(false);
    expect(isForUs(msg({ text: '/list', chat: { id: -100, type: 'channel', title: 'c' } }), bot)).toBe(false);
  });
});

describe('toIncomingMessage', () => {
  it('forum topic: threadId is the topic; the implicit reply to the topic root is not a reply', () => {
    const root = { message_id: 77, date: 0, chat: supergroup, forum_topic_created: { name: 't', icon_color: 1 } };
    const incoming = toIncomingMessage(
      msg({
        chat: supergroup,
        text: '/remind in 2 minutes stretch',
        message_thread_id: 77,
        is_topic_message: true,
        reply_to_message: root as never,
      }),
      bot,
      false,
    );
    expect(incoming).toEqual({
      platform: 'telegram',
      chatId: '-1001234',
      chatType: 'group',
      threadId: '77',
      userId: '5',
      userName: 'Sam',
      isAdmin: false,
      messageId: '10',
      text: '/remind in 2 minutes stretch',
    });
  });
  it('message_thread_id outside a forum topic (a reply thread) is not a topic', () => {
    const incoming = toIncomingMessage(
      msg({ chat: { id: -5, type: 'group', title: 'g' }, text: '/list', message_thread_id: 4 }),
      bot,
      true,
    );
    expect(incoming?.threadId).toBeUndefined();
  });
});

describe('addressed (group text meant for the bot, for the assistant)', () => {
  const inGroup = { chat: { id: -5, type: 'group' as const, title: 'g' } };
  it('a mention or a reply to the bot is addressed; a reply to someone else with a mention too; private chats need no flag', () => {
    expect(toIncomingMessage(msg({ ...inGroup, text: '@ChimeBot what is next' }), bot, false)).toMatchObject({
      text: 'what is next',
      addressed: true,
    });
    const replyToBot = { message_id: 3, date: 0, chat: inGroup.chat, from: { id: 99, is_bot: true, first_name: 'Chime' }, text: 'hi' };
    expect(
      toIncomingMessage(msg({ ...inGroup, text: 'and tomorrow?', reply_to_message: replyToBot as never }), bot, false)?.addressed,
    ).toBe(true);
    expect(toIncomingMessage(msg({ ...inGroup, text: '/list' }), bot, false)?.addressed).toBeUndefined();
    expect(toIncomingMessage(msg({ text: 'hello' }), bot, true)?.addressed).toBeUndefined();
  });
});

describe('messageLink', () => {
  it('public chats link by username, private supergroups by t.me/c, basic groups have none', () => {
    expect(messageLink({ id: -100777, type: 'supergroup', title: 't', username: 'team' }, 5)).toBe('https://t.me/team/5');
    expect(messageLink({ id: -100777, type: 'supergroup', title: 't' }, 5)).toBe('https://t.me/c/777/5');
    expect(messageLink({ id: -5, type: 'group', title: 'g' }, 5)).toBeUndefined();
  });
});

describe('toIncomingAction', () => {
  it('a press carries the pressed message id, the action id and the topic', () => {
    const query = {
      id: 'q1',
      from,
      chat_instance: 'x',
      data: 'snooze:10m',
      message: { message_id: 44, date: 0, chat: supergroup, message_thread_id: 77, is_topic_message: true, text: 'r' },
    } as CallbackQuery;
    expect(toIncomingAction(query, true)).toMatchObject({
      chatId: '-1001234',
      threadId: '77',
      messageId: '44',
      actionId: 'snooze:10m',
      isAdmin: true,
    });
  });
  it('a press without a message (inline mode) is ignored', () => {
    expect(toIncomingAction({ id: 'q', from, chat_instance: 'x', data: 'd' } as CallbackQuery, false)).toBeUndefined();
  });
});
