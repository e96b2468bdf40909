import type { Chat, User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { ManualClock } from '../../src/clock.js';
import { FakeBotApi, type FakeChatSpec } from '../emulators/telegram/fake-bot-api.js';
import { startTelegramApp } from './fixtures/telegram-app.js';

/**
 * Messages sent on behalf of a chat: Telegram puts one shared placeholder user in `from` for
 * every anonymous admin of every group (GroupAnonymousBot) and for every member posting as one
 * of their channels (Channel_Bot); only `sender_chat` tells them apart. Ownership, notes and
 * preferences must follow `sender_chat`, or anyone posting that way anywhere is everyone else.
 */

const ANONYMOUS_ADMIN: User = { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' };
const CHANNEL_BOT: User = { id: 136817688, is_bot: true, first_name: 'Channel', username: 'Channel_Bot' };
const bob: User = { id: 601, is_bot: false, first_name: 'Bob' };

describe('Telegram: messages sent on behalf of a chat (anonymous admins, channels)', () => {
  let api: FakeBotApi;
  let clock: ManualClock;
  let app: App;
  let stopApp: () => Promise<void>;
  let team: FakeChatSpec;
  let mallorys: FakeChatSpec;
  const asChat = (spec: FakeChatSpec): Chat => ({ id: spec.id, type: 'supergroup', title: spec.title ?? 'Group' });
  const channel = (id: number, title: string): Chat => ({ id, type: 'channel', title });

  beforeEach(async () => {
    api = await new FakeBotApi().start();
    team = api.addChat({ id: -1001234, type: 'supergroup', title: 'Team' });
    mallorys = api.addChat({ id: -1009999, type: 'supergroup', title: 'Mallory HQ' });
    api.addChat({ id: bob.id, type: 'private' });
    ({ app, clock, stop: stopApp } = await startTelegramApp(api, { dirPrefix: 'chime-tg-sender-chat-' }));
  });

  afterEach(() => stopApp());

  /** Sends `text` and waits for the bot's answer in that chat; returns the answer's text. */
  async function say(chat: FakeChatSpec, from: User, text: string, senderChat?: Chat): Promise<string> {
    const before = api.sentTo(chat.id).length;
    api.userSays(chat, from, text, senderChat ? { senderChat } : {});
    await api.until(() => api.sentTo(chat.id).length > before, 8000, `the answer to ${text}`);
    return api.sentTo(chat.id)[before]!.text;
  }

  async function onlyJob(chatId: number) {
    const jobs = await app.store.jobs.listJobs({ originChatId: String(chatId) });
    expect(jobs).toHaveLength(1);
    return jobs[0]!;
  }

  it("an anonymous admin of another group can neither cancel this group's reminder nor read its admin's notes", async () => {
    await say(team, ANONYMOUS_ADMIN, '/remind in 1 hour pay the rent', asChat(team));
    await say(team, ANONYMOUS_ADMIN, '/remember door code 4711', asChat(team));
    const job = await onlyJob(team.id);

    const answer = await say(mallorys, ANONYMOUS_ADMIN, `/cancel ${job.id}`, asChat(mallorys));
    expect(answer).toContain(`No reminder with id "${job.id}"`);
    expect((await app.store.jobs.getJob(job.id))?.status).toBe('active');
    expect(await say(mallorys, ANONYMOUS_ADMIN, '/recall', asChat(mallorys))).not.toContain('4711');
    // The group's own anonymous admins still manage it.
    expect(await say(team, ANONYMOUS_ADMIN, `/cancel ${job.id}`, asChat(team))).toMatch(/Cancelled/);
  });

  it('members posting as two different channels are two people: one cannot cancel the other’s reminder', async () => {
    await say(team, CHANNEL_BOT, '/remind in 1 hour publish the digest', channel(-1003001, 'Bob News'));
    const job = await onlyJob(team.id);
    const answer = await say(team, CHANNEL_BOT, `/cancel ${job.id}`, channel(-1003002, 'Mallory Posts'));
    expect(answer).toContain('Only the owner (Bob News) or a chat admin');
    expect((await app.store.jobs.getJob(job.id))?.status).toBe('active');
  });

  it('a reminder set on behalf of the group is delivered naming the group, with no mention of a user that is not one', async () => {
    await say(team, ANONYMOUS_ADMIN, '/remind in 1 minute standup', asChat(team));
    await clock.advance(60_000);
    await api.until(() => api.sentTo(team.id).length === 2, 8000, 'the reminder');
    const reminder = api.sentTo(team.id)[1]!;
    expect(reminder.text).toBe('⏰ Team: standup');
    expect(reminder.entities ?? []).toEqual([]);
  });
});
