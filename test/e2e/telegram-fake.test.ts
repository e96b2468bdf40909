import type { User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { ManualClock } from '../../src/clock.js';
import { FakeBotApi, type FakeChatSpec } from '../emulators/telegram/fake-bot-api.js';
import { startTelegramApp } from './fixtures/telegram-app.js';

/**
 * End to end against Chime's own Bot API fake, for what telegram-test-api cannot show:
 * 403 from a blocked or kicked bot, real group roles (getChatMember), replies in forum topics.
 */

const sam: User = { id: 501, is_bot: false, first_name: 'Sam' };
const ada: User = { id: 502, is_bot: false, first_name: 'Ada' };
const bo: User = { id: 503, is_bot: false, first_name: 'Bo' };

describe('Telegram end to end (Bot API fake, real app)', () => {
  let api: FakeBotApi;
  let clock: ManualClock;
  let app: App;
  let stopApp: () => Promise<void>;
  let samChat: FakeChatSpec;
  let group: FakeChatSpec;
  let forum: FakeChatSpec;

  beforeEach(async () => {
    api = await new FakeBotApi().start();
    samChat = api.addChat({ id: sam.id, type: 'private' });
    group = api.addChat({ id: -4001, type: 'group', title: 'Friends' });
    forum = api.addChat({ id: -1009876543210, type: 'supergroup', isForum: true, title: 'Team' });
    api.addTopic(forum.id, 12);
    ({ app, clock, stop: stopApp } = await startTelegramApp(api, { dirPrefix: 'chime-tg-fake-' }));
  });

  afterEach(() => stopApp());

  async function onlyJob(chatId: number) {
    const jobs = await app.store.jobs.listJobs({ originChatId: String(chatId) });
    expect(jobs).toHaveLength(1);
    return jobs[0]!;
  }

  it('bot blocked by the user (403): the delivery is given up after one attempt and recorded on the job', async () => {
    api.userSays(samChat, sam, '/remind in 1 minute stretch');
    await api.until(() => api.sent.length === 1);
    const job = await onlyJob(sam.id);
    api.block(sam.id);
    await clock.advance(60_000);
    await eventuallyAsync(async () => (await app.store.jobs.listOutbox({ status: 'dead', jobId: job.id })).length === 1);
    const [dead] = await app.store.jobs.listOutbox({ status: 'dead', jobId: job.id });
    expect(dead!.attempts).toBe(1); // permanent: no retries
    expect(dead!.lastError).toMatch(/403.*blocked/);
    expect((await app.store.jobs.getJob(job.id))?.lastError).toMatch(/403/);
    expect(api.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(2);
  });

  /** The bot's last message in a chat with a button labelled `label`, and that button's data. */
  function lastWithButton(chatId: number, label: string) {
    const sent = [...api.sentTo(chatId)]
      .reverse()
      .find((m) => m.reply_markup?.inline_keyboard.flat().some((b) => b.text.startsWith(label)));
    const data = sent?.reply_markup?.inline_keyboard.flat().find((b) => b.text.startsWith(label))?.callback_data;
    if (!sent || !data) throw new Error(`no message with a "${label}" button`);
    return { sent, data };
  }

  it("Undo under an edit's confirmation puts the old time back; the reminder stays (UTC chat)", async () => {
    api.userSays(samChat, sam, '/remind friday 5pm submit report');
    await api.until(() => api.sent.length === 1);
    const job = await onlyJob(sam.id);
    expect(job.nextRunAt?.toISOString()).toBe('2026-11-27T17:00:00.000Z');
    api.userSays(samChat, sam, `/edit ${job.id} monday 10am`);
    await api.until(() => api.sent.length === 2);
    expect((await app.store.jobs.getJob(job.id))?.nextRunAt?.toISOString()).toBe('2026-11-23T10:00:00.000Z');
    const { sent, data } = lastWithButton(sam.id, 'Undo');
    api.userPresses(samChat, sam, sent, data);
    await api.until(() => sent.edits === 1);
    expect(sent.text).toContain('back as it was');
    const restored = await app.store.jobs.getJob(job.id);
    expect(restored?.status).toBe('active');
    expect(restored?.nextRunAt?.toISOString()).toBe('2026-11-27T17:00:00.000Z');
  });

  it('/edit with a repeat but no time keeps the time of day: a Friday 17:00 reminder made "every weekday" is at 17:00 (UTC chat)', async () => {
    api.userSays(samChat, sam, '/remind friday 5pm submit report');
    await api.until(() => api.sent.length === 1);
    const job = await onlyJob(sam.id);
    api.userSays(samChat, sam, `/edit ${job.id} every weekday`);
    await api.until(() => api.sent.length === 2);
    // now is Sun 22 Nov 2026: the first weekday is Mon 23 Nov, at 17:00 (not the default 09:00)
    expect(api.sent[1]!.text).toContain('Mon 23 Nov 17:00');
    const edited = await app.store.jobs.getJob(job.id);
    expect(edited?.schedule).toEqual({ kind: 'cron', pattern: '0 17 * * 1-5' });
    expect(edited?.nextRunAt?.toISOString()).toBe('2026-11-23T17:00:00.000Z');
  });

  it('/snooze 30m of a reminder due tomorrow morning makes it 30 minutes later tomorrow, not sooner', async () => {
    api.userSays(samChat, sam, 'remind me tomorrow at 9am to call mom');
    await api.until(() => api.sent.length === 1);
    const job = await onlyJob(sam.id);
    api.userSays(samChat, sam, `/snooze ${job.id} 30m`);
    await api.until(() => api.sent.length === 2);
    expect(api.sent[1]!.text).toContain('Mon 23 Nov 09:30');
    expect((await app.store.jobs.getJob(job.id))?.nextRunAt?.toISOString()).toBe('2026-11-23T09:30:00.000Z');
  });

  it('the same reminder twice asks first; "Add anyway" adds it, "Cancel" leaves one', async () => {
    api.userSays(samChat, sam, '/remind tomorrow at 9 call mom');
    await api.until(() => api.sent.length === 1);
    api.userSays(samChat, sam, '/remind tomorrow at 9 call mom');
    await api.until(() => api.sent.length === 2);
    expect(api.sent[1]!.text).toContain('You already have this reminder');
    expect(await app.store.jobs.listJobs({ originChatId: String(sam.id) })).toHaveLength(1);
    const dropped = lastWithButton(sam.id, 'Cancel');
    api.userPresses(samChat, sam, dropped.sent, dropped.data);
    await api.until(() => dropped.sent.edits === 1);
    expect(dropped.sent.text).toContain('Not added');
    api.userSays(samChat, sam, '/remind tomorrow at 9 call mom');
    await api.until(() => api.sent.length === 3);
    const add = lastWithButton(sam.id, 'Add anyway');
    api.userPresses(samChat, sam, add.sent, add.data);
    await api.until(() => add.sent.edits === 1);
    expect(add.sent.text).toMatch(/Reminder set \[\w+\]: call mom/);
    expect(await app.store.jobs.listJobs({ originChatId: String(sam.id) })).toHaveLength(2);
  });

  it('"every 10 minutes until done" nags with a Done button; Done stops it', async () => {
    api.userSays(samChat, sam, 'remind me every 10 minutes until done to take the pills');
    await api.until(() => api.sent.length === 1);
    expect(api.sent[0]!.text).toContain('until you press Done');
    const job = await onlyJob(sam.id);
    await clock.advance(10 * 60_000);
    await api.until(() => api.sent.length === 2);
    await clock.advance(10 * 60_000);
    await api.until(() => api.sent.length === 3);
    expect(api.sent[2]!.text).toBe('⏰ take the pills');
    const done = lastWithButton(sam.id, 'Done');
    api.userPresses(samChat, sam, done.sent, done.data);
    await api.until(() => done.sent.edits === 1);
    expect((await app.store.jobs.getJob(job.id))?.status).toBe('cancelled');
    await clock.advance(30 * 60_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(api.sent).toHaveLength(3);
  });

  it('/cancel with two ids cancels both and says so', async () => {
    api.userSays(samChat, sam, '/remind in 1 hour tea');
    api.userSays(samChat, sam, '/remind in 2 hours coffee');
    await api.until(() => api.sent.length === 2);
    const jobs = await app.store.jobs.listJobs({ originChatId: String(sam.id) });
    api.userSays(samChat, sam, `/cancel ${jobs.map((j) => j.id).join(' ')} zzzzzz`);
    await api.until(() => api.sent.length === 3);
    expect(api.sent[2]!.text).toContain('Cancelled 2 of 3');
    expect(api.sent[2]!.text).toContain('zzzzzz: No reminder with id');
    for (const j of jobs) expect((await app.store.jobs.getJob(j.id))?.status).toBe('cancelled');
  });

  it('bot blocked (403) on a recurring reminder: the job is marked failed and stops', async () => {
    api.userSays(samChat, sam, '/remind every 5 minutes stretch');
    await api.until(() => api.sent.length === 1);
    const job = await onlyJob(sam.id);
    api.block(sam.id);
    await clock.advance(5 * 60_000);
    await eventuallyAsync(async () => (await app.store.jobs.getJob(job.id))?.status === 'failed');
    expect((await app.store.jobs.getJob(job.id))?.nextRunAt).toBeNull();
  });

  it('a group reminder pings its owner with a text_mention over the name, even a name with a colon, emoji and markdown', async () => {
    const odd: User = { id: 504, is_bot: false, first_name: 'Dr: *Who*', last_name: '🦊 [x](y)' };
    const name = 'Dr: *Who* 🦊 [x](y)';
    api.userSays(group, odd, '/remind in 1 minute standup');
    await api.until(() => api.sent.length === 1);
    await clock.advance(60_000);
    await api.until(() => api.sentTo(group.id).length === 2, 8000, 'the reminder');
    const reminder = api.sentTo(group.id)[1]!;
    expect(reminder.text).toBe(`⏰ ${name}: standup`);
    expect(reminder.entities).toEqual([
      { type: 'text_mention', offset: 2, length: name.length, user: { id: 504, is_bot: false, first_name: name } },
    ]);
    expect(reminder.text.slice(2, 2 + name.length)).toBe(name);
  });

  it('Snooze on a group reminder edits it in place and the owner’s name stays a mention', async () => {
    api.userSays(group, sam, '/remind in 1 minute standup');
    await api.until(() => api.sent.length === 1);
    await clock.advance(60_000);
    await api.until(() => api.sentTo(group.id).length === 2, 8000, 'the reminder');
    const reminder = api.sentTo(group.id)[1]!;
    const mention = { type: 'text_mention', offset: 2, length: 3, user: { id: sam.id, is_bot: false, first_name: 'Sam' } };
    expect(reminder.entities).toEqual([mention]);
    const data = reminder.reply_markup!.inline_keyboard.flat().find((b) => b.text === 'Snooze 10 min')!.callback_data!;
    api.userPresses(group, sam, reminder, data);
    await api.until(() => reminder.edits === 1, 8000, 'the edit');
    expect(reminder.text).toMatch(/^⏰ Sam: standup\n💤 Snoozed/);
    expect(reminder.entities).toEqual([mention]);
  });

  it('bot kicked from a group (403): the job fails and the creator is told in their private chat', async () => {
    api.userSays(group, sam, '/remind in 1 minute standup');
    await api.until(() => api.sent.length === 1);
    const job = await onlyJob(group.id);
    api.block(group.id);
    await clock.advance(60_000);
    await api.until(() => api.sentTo(sam.id).length === 1, 8000, 'the notice to the creator');
    expect(api.sentTo(sam.id)[0]!.text).toMatch(/couldn.t deliver/i);
    expect(api.sentTo(sam.id)[0]!.text).toContain(job.id);
    expect((await app.store.jobs.getJob(job.id))?.lastError).toMatch(/403.*kicked/);
  });

  it('replying "/remind 2h" to a message in a topic: the reminder comes back in the topic, replying to that message', async () => {
    const original = api.userSays(forum, ada, 'ship the release notes', { threadId: 12 });
    api.userSays(forum, sam, '/remind 2h', { threadId: 12, replyTo: original });
    await api.until(() => api.sent.length === 1);
    expect(api.sent[0]!.message_thread_id).toBe(12);
    // Straight to the reminder at 12:00: walking two hours wakes the app every 250 ms of fake
    // time (its WAL checkpointer's pace) for nothing, ~4 s of real time.
    await clock.jump('2026-11-22T12:00:00Z');
    await api.until(() => api.sent.length === 2, 8000, 'the reminder');
    const reminder = api.sent[1]!;
    expect(reminder.message_thread_id).toBe(12);
    expect(reminder.reply_parameters).toEqual({ message_id: original.message_id, allow_sending_without_reply: true });
    expect(reminder.text).toMatch(/ship the release notes/);
    expect(reminder.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(expect.arrayContaining(['Snooze 10 min', 'Done']));
  });

  it('/recall of more notes than one message holds comes in pages, each within 4,096 characters, and the last note is reachable', async () => {
    const notes = Array.from({ length: 40 }, (_, i) => `note ${i + 1} ${'the quick brown fox jumps over the lazy dog '.repeat(4).trim()}`);
    for (const [i, n] of notes.entries()) {
      api.userSays(samChat, sam, `/remember ${n}`);
      await api.until(() => api.sentTo(sam.id).length === i + 1, 8000, `the answer to note ${i + 1}`);
    }
    api.userSays(samChat, sam, '/recall');
    await api.until(() => api.sentTo(sam.id).length === notes.length + 1, 8000, 'the first page');
    const first = api.sentTo(sam.id).at(-1)!.text!;
    const pages = Number(/— Page 1 of (\d+) · next: \/recall page 2/.exec(first)?.[1]);
    expect(pages).toBeGreaterThan(1);
    api.userSays(samChat, sam, `/recall page ${pages}`);
    await api.until(() => api.sentTo(sam.id).length === notes.length + 2, 8000, 'the last page');
    const last = api.sentTo(sam.id).at(-1)!.text!;
    expect(last).toContain(`40. ${notes[39]}`);
    expect(last).toContain(`— Page ${pages} of ${pages}`);
    for (const m of api.sentTo(sam.id)) expect(m.text!.length).toBeLessThanOrEqual(4096);
  });

  it('in a group a chat admin (getChatMember) may cancel someone else’s reminder, another member may not', async () => {
    api.setAdmin(group.id, ada.id);
    api.userSays(group, sam, '/remind in 1 hour team lunch');
    await api.until(() => api.sent.length === 1);
    const job = await onlyJob(group.id);
    api.userSays(group, bo, `/cancel ${job.id}`);
    await api.until(() => api.sent.length === 2);
    expect((await app.store.jobs.getJob(job.id))?.status).toBe('active');
    api.userSays(group, ada, `/cancel ${job.id}`);
    await api.until(() => api.sent.length === 3);
    expect((await app.store.jobs.getJob(job.id))?.status).toBe('cancelled');
  });
});

async function eventuallyAsync(check: () => Promise<boolean>, timeoutMs = 8000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
