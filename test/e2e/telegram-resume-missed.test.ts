/**
 * /resume after the reminder's time passed while it was paused, through the real app and the
 * Telegram Bot API fake. Before, a one-off paused over its 10:00 and resumed at 11:00 answered
 * "Next: Thu 3 Dec 10:00 (1 hour ago)" and then came with "(1 hour late: Chime was offline)",
 * which was not true; a daily one skipped the occurrence it missed without a word. Now the
 * answer says what happens to the missed time (the one-off comes now, the daily one's is
 * skipped), and the one-off comes without an offline note. London, Thu 3 Dec 2026; expected
 * times from Intl (civil-calendar.ts).
 */
import type { User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/clock.js';
import { instantOf } from '../chat/civil-calendar.js';
import { FakeBotApi, type FakeChatSpec, type SentMessage } from '../emulators/telegram/fake-bot-api.js';
import { startTelegramApp } from './fixtures/telegram-app.js';

const ZONE = 'Europe/London';
const at = (d: number, h: number, mi = 0) => instantOf({ y: 2026, m: 12, d }, h, mi, ZONE);
/** A time as Chime writes it ("Thu 3 Dec 10:00"), from Intl. */
function said(d: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('hour')}:${part('minute')}`;
}
const sam: User = { id: 611, is_bot: false, first_name: 'Sam' };

describe('Telegram: /resume after a time missed while paused', () => {
  let api: FakeBotApi;
  let clock: ManualClock;
  let stop: () => Promise<void>;
  let chat: FakeChatSpec;

  beforeEach(async () => {
    api = await new FakeBotApi().start();
    chat = api.addChat({ id: sam.id, type: 'private' });
    ({ clock, stop } = await startTelegramApp(api, { dirPrefix: 'chime-tg-resume-', clockStart: at(3, 8).toISOString() }));
    await says('/tz Europe/London');
  });
  afterEach(() => stop());

  async function says(text: string): Promise<SentMessage> {
    const before = api.sentTo(chat.id).length;
    api.userSays(chat, sam, text);
    await api.until(() => api.sentTo(chat.id).length > before, 5000, `an answer to "${text}"`);
    return api.sentTo(chat.id)[before]!;
  }
  const idIn = (m: SentMessage) => /\[(\w+)\]/.exec(m.text)![1]!;

  it('a one-off paused over 10:00 and resumed at 11:00: the answer says it comes now, and it comes without "Chime was offline"', async () => {
    const id = idIn(await says('at 10am call bob'));
    await says(`/pause ${id}`);
    await clock.set(at(3, 11));
    const answer = await says(`/resume ${id}`);
    expect(answer.text).toContain(`It was due ${said(at(3, 10))} while paused, so it comes now.`);
    expect(answer.text).not.toContain('ago');
    await api.until(() => api.sentTo(chat.id).some((m) => m.text.startsWith('⏰ call bob')), 5000, 'the reminder');
    const delivered = api.sentTo(chat.id).find((m) => m.text.startsWith('⏰ call bob'))!;
    expect(delivered.text).not.toContain('offline');
    expect(delivered.text).not.toContain('late');
  });

  it('a daily 09:00 paused over it and resumed at 11:00: the answer says that one was skipped, and names the next', async () => {
    const id = idIn(await says('every day at 9am standup'));
    await says(`/pause ${id}`);
    await clock.set(at(3, 11));
    const answer = await says(`/resume ${id}`);
    expect(answer.text).toContain(`${said(at(3, 9))} came while it was paused and was skipped.`);
    expect(answer.text).toContain(`Next: ${said(at(4, 9))}`);
    // nothing comes for the skipped one
    await clock.advance(60_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(api.sentTo(chat.id).filter((m) => m.text.startsWith('⏰'))).toEqual([]);
  });

  it('resumed before its time, nothing is said of a missed one', async () => {
    const id = idIn(await says('at 10am call bob'));
    await says(`/pause ${id}`);
    const answer = await says(`/resume ${id}`);
    expect(answer.text).toContain(`Next: ${said(at(3, 10))}`);
    expect(answer.text).not.toContain('while paused');
  });
});
