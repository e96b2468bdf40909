import type { User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { FakeBotApi, type FakeChatSpec } from '../emulators/telegram/fake-bot-api.js';
import { startTelegramApp } from './fixtures/telegram-app.js';

/**
 * A forwarded message is a quote of somebody else's words, not a command of the person who
 * forwarded it. Before, "/cancel <id>" forwarded into a chat with Chime ran with the
 * forwarder's rights: an admin forwarding a member's message into the group cancelled that
 * member's reminder, and a sentence forwarded into the private chat set a reminder. Now
 * nothing in a forward is acted on, and the answer says how to do it on purpose.
 */

const sam: User = { id: 701, is_bot: false, first_name: 'Sam' };
const ada: User = { id: 702, is_bot: false, first_name: 'Ada' };

describe('Telegram: forwarded messages are not run as commands (Bot API fake, real app)', () => {
  let api: FakeBotApi;
  let app: App;
  let stopApp: () => Promise<void>;
  let group: FakeChatSpec;
  let samDm: FakeChatSpec;

  beforeEach(async () => {
    api = await new FakeBotApi().start();
    group = api.addChat({ id: -4201, type: 'group', title: 'Team' });
    samDm = api.addChat({ id: sam.id, type: 'private' });
    api.setAdmin(group.id, sam.id);
    ({ app, stop: stopApp } = await startTelegramApp(api, { dirPrefix: 'chime-tg-fwd-' }));
  });

  afterEach(() => stopApp());

  async function says(chat: FakeChatSpec, who: User, text: string, opts: Parameters<FakeBotApi['userSays']>[3] = {}): Promise<string> {
    const before = api.sentTo(chat.id).length;
    api.userSays(chat, who, text, opts);
    await api.until(() => api.sentTo(chat.id).length > before, 8000, `an answer to ${text}`);
    return api.sentTo(chat.id).at(-1)!.text;
  }

  const idIn = (text: string): string => /\[([a-z0-9]+)\]/.exec(text)![1]!;

  it("a group admin forwarding a member's '/cancel <id>' cancels nothing, and is told how to run it", async () => {
    const id = idIn(await says(group, ada, '/remind in 2 hours submit the report'));
    const answer = await says(group, sam, `/cancel ${id}`, { forwardedFrom: ada });
    expect(answer).toContain('forwarded');
    expect(answer).toContain(`/cancel ${id}`);
    expect((await app.store.jobs.getJob(id))?.status).toBe('active');
  });

  it('the same with the forward as older Bot API versions mark it (forward_from, forward_date)', async () => {
    const id = idIn(await says(group, ada, '/remind in 2 hours submit the report'));
    const answer = await says(group, sam, `/cancel ${id}`, { forwardedFrom: ada, legacyForward: true });
    expect(answer).toContain('forwarded');
    expect((await app.store.jobs.getJob(id))?.status).toBe('active');
  });

  it('in the private chat: a forwarded /remind or sentence sets nothing; typed, the same words do', async () => {
    const fwdCommand = await says(samDm, sam, '/remind in 1 hour call the bank', { forwardedFrom: ada });
    expect(fwdCommand).toContain('forwarded');
    expect(fwdCommand).toContain('/remind in 1 hour call the bank');
    const fwdSentence = await says(samDm, sam, 'in 1 hour call the bank', { forwardedFrom: ada });
    expect(fwdSentence).toContain('forwarded');
    expect(fwdSentence).toContain('/remind in 1 hour');
    expect(await app.store.jobs.listJobs({})).toHaveLength(0);

    expect(await says(samDm, sam, '/remind in 1 hour call the bank')).toContain('call the bank');
    expect(await app.store.jobs.listJobs({})).toHaveLength(1);
  });

  it("a forwarded command for another bot stays another bot's: no answer", async () => {
    api.userSays(group, sam, '/start@OtherBot', { forwardedFrom: ada });
    await says(group, sam, '/list');
    expect(api.sentTo(group.id)).toHaveLength(1);
  });
});
