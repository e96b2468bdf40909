import type { User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { ManualClock } from '../../src/clock.js';
import { FakeBotApi, type FakeChatSpec, type SentMessage } from '../emulators/telegram/fake-bot-api.js';
import { startTelegramApp } from './fixtures/telegram-app.js';

/**
 * A new user's first minutes on Telegram, through the real app and Chime's Bot API fake:
 * plain sentences, the time zone question and its buttons, zone changes, bare night hours.
 * The app runs with the default zone (UTC), as installed from the README.
 */

const sam: User = { id: 601, is_bot: false, first_name: 'Sam' };

describe('Telegram: reading what a new user types (Bot API fake, real app)', () => {
  let api: FakeBotApi;
  let clock: ManualClock;
  let app: App;
  let stopApp: () => Promise<void>;
  let samChat: FakeChatSpec;
  let group: FakeChatSpec;

  beforeEach(async () => {
    api = await new FakeBotApi().start();
    samChat = api.addChat({ id: sam.id, type: 'private' });
    group = api.addChat({ id: -6001, type: 'group', title: 'Family' });
    // 2026-11-22 is a Sunday
    ({ app, clock, stop: stopApp } = await startTelegramApp(api, { dirPrefix: 'chime-tg-zones-', clockStart: '2026-11-22T10:00:00Z' }));
  });

  afterEach(() => stopApp());

  /** Sends `text` as Sam in `chat` and returns the bot's next message there. */
  async function samSays(chat: FakeChatSpec, text: string): Promise<SentMessage> {
    const before = api.sentTo(chat.id).length;
    api.userSays(chat, sam, text);
    await api.until(() => api.sentTo(chat.id).length > before, 5000, `an answer to "${text}"`);
    return api.sentTo(chat.id)[before]!;
  }

  function buttons(m: SentMessage): Array<{ text: string; data: string }> {
    return (m.reply_markup?.inline_keyboard ?? []).flat().map((b) => ({ text: b.text, data: b.callback_data ?? '' }));
  }

  it('a plain sentence in the private chat is a reminder with an Undo button, and it fires', async () => {
    const answer = await samSays(samChat, 'in 90 seconds check the oven');
    expect(answer.text).toMatch(/Reminder set \[\w+\]: check the oven/);
    expect(buttons(answer).map((b) => b.text)).toContain('Undo');
    await clock.advance(90_000);
    await api.until(() => api.sentTo(sam.id).some((m) => m.text.includes('check the oven') && m !== answer), 8000, 'the reminder');
  });

  it('chatter in the private chat gets the hint; a plain sentence in a group is ignored', async () => {
    expect((await samSays(samChat, 'good morning')).text).toContain("I didn't catch that");
    api.userSays(group, sam, 'in 90 seconds check the oven');
    expect((await samSays(group, '/remind in 5 minutes tea')).text).toContain('tea');
    expect(api.sentTo(group.id)).toHaveLength(1);
    expect(await app.store.jobs.listJobs({ originChatId: String(group.id) })).toHaveLength(1);
  });

  /** Sam presses the button labelled `label` under `m`; resolves once the bot has answered. */
  async function samPresses(chat: FakeChatSpec, m: SentMessage, label: string): Promise<void> {
    const button = buttons(m).find((b) => b.text === label);
    if (!button) throw new Error(`no button "${label}" in ${JSON.stringify(buttons(m))}`);
    const answered = api.calls.filter((c) => c.method === 'answerCallbackQuery').length;
    api.userPresses(chat, sam, m, button.data);
    await api.until(() => api.calls.filter((c) => c.method === 'answerCallbackQuery').length > answered, 5000, `the answer to "${label}"`);
  }

  it('/start asks for the zone with buttons; pressing one sets it and later times are read in it', async () => {
    const hello = await samSays(samChat, '/start');
    expect(hello.text).toContain("I don't know your time zone yet, so I use UTC");
    expect(buttons(hello).map((b) => b.text)).toEqual(expect.arrayContaining(['New York', 'Berlin · Paris', 'Other: type a city']));
    const before = api.sentTo(sam.id).length;
    await samPresses(samChat, hello, 'New York');
    await api.until(() => api.sentTo(sam.id).length > before);
    expect(api.sentTo(sam.id)[before]!.text).toContain('Your time zone is now America/New_York');
    const answer = await samSays(samChat, 'tomorrow at 9 standup');
    expect(answer.text).toContain('Mon 23 Nov 09:00');
    const [job] = await app.store.jobs.listJobs({ originChatId: String(sam.id) });
    expect(job!.nextRunAt).toEqual(new Date('2026-11-23T14:00:00Z'));
  });

  it('/tz America/New_York after a 09:00 UTC standup offers to keep its clock time; pressing moves it', async () => {
    const first = await samSays(samChat, 'every weekday at 9 standup');
    expect(first.text).toContain('so I use UTC'); // the first reminder also asks
    const changed = await samSays(samChat, '/tz new york');
    await api.until(() => api.sentTo(sam.id).length >= 3);
    const offer = api.sentTo(sam.id)[2]!;
    expect(changed.text).toContain('America/New_York');
    expect(offer.text).toContain('Mon 23 Nov 09:00 in UTC is Mon 23 Nov 04:00 in America/New_York');
    await samPresses(samChat, offer, 'Keep clock times');
    await api.until(() => offer.edits > 0, 5000, 'the offer edited in place');
    expect(offer.text).toContain('Kept their clock times');
    const [job] = await app.store.jobs.listJobs({ originChatId: String(sam.id) });
    expect(job!.timeZone).toBe('America/New_York');
    expect(job!.nextRunAt).toEqual(new Date('2026-11-23T14:00:00Z'));
  });

  it('/tz EST is New York; /tz IST asks which one with a button per meaning', async () => {
    expect((await samSays(samChat, '/tz EST')).text).toContain('Your time zone is now America/New_York');
    const ask = await samSays(samChat, '/tz IST');
    expect(buttons(ask).map((b) => b.text)).toEqual(['India Standard Time', 'Israel Standard Time', 'Irish Standard Time']);
  });

  it('"remind me at 3 to pick up the kids" at 17:03: 03:00 is kept until "3 PM instead" is pressed, which edits the message', async () => {
    // Nothing is due before 17:03: jump there instead of walking 7 hours of 30 s capped waits
    // (~850 wake-ups of the running app, ~6 s of real time).
    await clock.jump('2026-11-22T17:03:00Z');
    await samSays(samChat, '/tz London');
    const answer = await samSays(samChat, 'remind me at 3 to pick up the kids');
    expect(answer.text).toContain('Or did you mean 3 PM (15:00)?');
    const [job] = await app.store.jobs.listJobs({ originChatId: String(sam.id) });
    expect(job!.nextRunAt).toEqual(new Date('2026-11-23T03:00:00Z'));
    await samPresses(samChat, answer, '3 PM instead');
    await api.until(() => answer.edits > 0, 5000, 'the confirmation edited in place');
    expect(answer.text).toContain('Mon 23 Nov 15:00');
    expect((await app.store.jobs.getJob(job!.id))!.nextRunAt).toEqual(new Date('2026-11-23T15:00:00Z'));
  });
});
