import type { User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { FakeBotApi, type FakeChatSpec, type SentMessage } from '../emulators/telegram/fake-bot-api.js';
import { startTelegramApp } from './fixtures/telegram-app.js';

/**
 * The questions under a new reminder ("3 PM instead" of a bare hour read at night, another
 * meaning of a zone abbreviation) ask the person who set it what they meant: only they can
 * answer. Before, a group admin's press answered for them: Ada's "at 3" (03:00 in Tokyo)
 * moved to 15:00 when Sam, an admin who cannot know what she meant, pressed "3 PM instead".
 * An admin still changes it on purpose with /edit.
 */

const sam: User = { id: 901, is_bot: false, first_name: 'Sam' };
const ada: User = { id: 902, is_bot: false, first_name: 'Ada' };

describe("Telegram: a new reminder's questions are answered by the one who set it (Bot API fake, real app)", () => {
  let api: FakeBotApi;
  let app: App;
  let stopApp: () => Promise<void>;
  let group: FakeChatSpec;

  beforeEach(async () => {
    api = await new FakeBotApi().start();
    group = api.addChat({ id: -4301, type: 'group', title: 'Team' });
    api.setAdmin(group.id, sam.id);
    // 10:00 UTC is 19:00 in Tokyo: Ada's "at 3" is the coming 03:00 there, at night.
    ({ app, stop: stopApp } = await startTelegramApp(api, { dirPrefix: 'chime-tg-question-', clockStart: '2026-11-22T10:00:00Z' }));
  });

  afterEach(() => stopApp());

  async function says(who: User, text: string): Promise<SentMessage> {
    const before = api.sentTo(group.id).length;
    api.userSays(group, who, text);
    await api.until(() => api.sentTo(group.id).length > before, 8000, `an answer to ${text}`);
    return { ...api.sentTo(group.id).at(-1)! };
  }

  async function presses(who: User, msg: SentMessage, label: RegExp): Promise<string> {
    const data = msg.reply_markup?.inline_keyboard.flat().find((b) => label.test(b.text))?.callback_data;
    if (!data) throw new Error(`no button ${label} on ${msg.text}`);
    const id = api.userPresses(group, who, msg, data);
    await api.until(() => api.callbackAnswers.some((a) => a.callback_query_id === id), 8000, 'the toast');
    return api.callbackAnswers.find((a) => a.callback_query_id === id)!.text ?? '';
  }

  const idIn = (text: string): string => /\[([a-z0-9]+)\]/.exec(text)![1]!;

  it("an admin's '3 PM instead' on a member's reminder is refused and changes nothing; hers moves it", async () => {
    await says(ada, '/tz Asia/Tokyo');
    const confirmation = await says(ada, '/remind at 3 call the bank');
    const id = idIn(confirmation.text);
    // Mon 23 Nov 03:00 in Tokyo (UTC+9) is Sun 22 Nov 18:00 UTC.
    expect((await app.store.jobs.getJob(id))?.nextRunAt).toEqual(new Date('2026-11-22T18:00:00Z'));

    expect(await presses(sam, confirmation, /3 PM instead/)).toMatch(/Only the person who set it/);
    expect((await app.store.jobs.getJob(id))?.nextRunAt).toEqual(new Date('2026-11-22T18:00:00Z'));

    expect(await presses(ada, confirmation, /3 PM instead/)).toBe('Changed');
    // Mon 23 Nov 15:00 in Tokyo is 06:00 UTC.
    expect((await app.store.jobs.getJob(id))?.nextRunAt).toEqual(new Date('2026-11-23T06:00:00Z'));
  });

  it("an admin's press of another meaning of a zone abbreviation is refused and changes nothing", async () => {
    const confirmation = await says(ada, '/remind tomorrow 9am IST call Priya');
    const id = idIn(confirmation.text);
    const before = await app.store.jobs.getJob(id);
    expect(before?.timeZone).toBe('Asia/Kolkata');
    expect(await presses(sam, confirmation, /IST = /)).toMatch(/Only the person who set it/);
    expect(await app.store.jobs.getJob(id)).toEqual(before);
  });
});
