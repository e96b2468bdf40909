import type { User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { ManualClock } from '../../src/clock.js';
import { FakeBotApi, type FakeChatSpec } from '../emulators/telegram/fake-bot-api.js';
import { startTelegramApp } from './fixtures/telegram-app.js';

/**
 * In a group Chime acts on commands (plain sentences only with the assistant on). A request
 * written to it in words, mentioning it or replying to it, used to get no answer at all:
 * "@ChimeBot remind me in 5 minutes to stretch" set nothing and said nothing, and "snooze 10
 * minutes" replied to a reminder left the person believing it was snoozed. Now such a request
 * is answered: nothing was done, and the command that does it. Chatter stays unanswered.
 */

const ada: User = { id: 921, is_bot: false, first_name: 'Ada' };

describe('Telegram: requests in words in a group are answered with the command (Bot API fake, real app)', () => {
  let api: FakeBotApi;
  let app: App;
  let clock: ManualClock;
  let stopApp: () => Promise<void>;
  let group: FakeChatSpec;

  beforeEach(async () => {
    api = await new FakeBotApi().start();
    group = api.addChat({ id: -4501, type: 'group', title: 'Team' });
    ({ app, clock, stop: stopApp } = await startTelegramApp(api, { dirPrefix: 'chime-tg-plain-' }));
  });

  afterEach(() => stopApp());

  async function says(text: string, opts: Parameters<FakeBotApi['userSays']>[3] = {}): Promise<string> {
    const before = api.sentTo(group.id).length;
    api.userSays(group, ada, text, opts);
    await api.until(() => api.sentTo(group.id).length > before, 8000, `an answer to ${text}`);
    return api.sentTo(group.id).at(-1)!.text;
  }

  it('a reminder asked for in words while mentioning the bot sets nothing, and says the command; that command sets it', async () => {
    const answer = await says('@ChimeBot remind me in 5 minutes to stretch');
    expect(answer).toContain('/remind in 5 minutes to stretch');
    expect(await app.store.jobs.listJobs({})).toHaveLength(0);
    expect(await says('/remind in 5 minutes to stretch')).toContain('Reminder set');
    expect(await app.store.jobs.listJobs({})).toHaveLength(1);
  });

  it("'snooze 10 minutes' replied to a delivered reminder is answered: nothing changed, use its buttons or /snooze; 'thanks' is not", async () => {
    const id = /\[([a-z0-9]+)\]/.exec(await says('/remind in 5 minutes drink water'))![1]!;
    await clock.advance(5 * 60_000);
    await api.until(() => api.sentTo(group.id).some((m) => m.text.startsWith('⏰')), 8000, 'the reminder');
    const fired = api.sentTo(group.id).find((m) => m.text.startsWith('⏰'))!;
    const before = await app.store.jobs.getJob(id);

    const answer = await says('snooze 10 minutes', { replyTo: fired });
    expect(answer).toMatch(/nothing/i);
    expect(answer).toContain('/snooze');
    expect(await app.store.jobs.getJob(id)).toEqual(before);

    const count = api.sentTo(group.id).length;
    api.userSays(group, ada, 'thanks!', { replyTo: fired });
    await says('/list');
    expect(api.sentTo(group.id)).toHaveLength(count + 1);
  });
});
