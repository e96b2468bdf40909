/** Builds a chat service for tests and gives people to talk through it. */
import { plainText } from '../../src/core/outgoing-message.js';
import { ManualClock } from '../../src/clock.js';
import { createChatService } from '../../src/chat/chat-service.js';
import type { ChatDeps, ChatQuotas } from '../../src/chat/deps.js';
import type { ChatContext, IncomingMessage } from '../../src/chat/message.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { parse } from '../../src/nl/parse.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { fakeScheduler } from './fakes.js';
import { followingFire } from '../../src/core/occurrence.js';
import type { Job } from '../../src/core/job.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A real SQLite store in a fresh temp dir, removed after the test. */
export function tempStore(clock: ManualClock) {
  const dir = mkdtempSync(join(tmpdir(), 'chime-chat-'));
  const store = openSqliteStore(join(dir, 'chime.db'), { clock });
  cleanups.push(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return store;
}

export const ALICE_DM: ChatContext = {
  platform: 'telegram',
  chatId: '100',
  chatType: 'private',
  userId: '100',
  userName: 'Alice',
  isAdmin: false,
};
export const BOB_DM: ChatContext = {
  platform: 'telegram',
  chatId: '200',
  chatType: 'private',
  userId: '200',
  userName: 'Bob',
  isAdmin: false,
};
export const ALICE_GROUP: ChatContext = {
  platform: 'telegram',
  chatId: '-500',
  chatType: 'group',
  userId: '100',
  userName: 'Alice',
  isAdmin: false,
};
export const BOB_GROUP: ChatContext = { ...ALICE_GROUP, userId: '200', userName: 'Bob' };
export const CAROL_ADMIN: ChatContext = { ...ALICE_GROUP, userId: '300', userName: 'Carol', isAdmin: true };

export function makeChat(opts: { quotas?: Partial<ChatQuotas>; start?: string; config?: Partial<ChatDeps['config']> } = {}) {
  const clock = new ManualClock(opts.start ?? '2026-11-22T10:00:00Z');
  const scheduler = fakeScheduler(clock);
  const store = tempStore(clock);
  const errors: unknown[] = [];
  const logger = { info() {}, warn() {}, error: (o: object) => void errors.push(o) };
  const chat = createChatService({
    scheduler,
    notes: store.notes,
    prefs: store.prefs,
    clock,
    parse,
    config: { defaultTimeZone: 'Europe/Berlin', ...opts.config, ...(opts.quotas ? { quotas: opts.quotas } : {}) },
    logger,
  });
  let msgSeq = 0;
  async function say(who: ChatContext, text: string, extra: Partial<IncomingMessage> = {}) {
    const out = await chat.handleMessage({ ...who, messageId: String(++msgSeq), text, ...extra });
    return out;
  }
  async function sayText(who: ChatContext, text: string, extra: Partial<IncomingMessage> = {}): Promise<string> {
    return (await say(who, text, extra)).map((m) => m.text).join('\n');
  }
  /** Creates a reminder and returns its id (parsed from the confirmation). */
  async function create(who: ChatContext, text: string): Promise<string> {
    const reply = await sayText(who, text);
    const id = /\[([A-Za-z0-9_-]+)\]/.exec(reply)?.[1];
    if (!id) throw new Error(`no id in: ${reply}`);
    return id;
  }
  const press = (who: ChatContext, actionId: string) => chat.handleAction({ ...who, messageId: '1', actionId });
  /**
   * Moves the clock to the job's next run and settles that run as the scheduler does (a
   * one-off completes, a series moves to its following fire); returns the delivered message,
   * with its plain text as `text`.
   */
  async function fire(id: string) {
    const job = scheduler.jobs.get(id);
    if (!job?.nextRunAt) throw new Error(`job ${id} has nothing due`);
    const scheduledFor = job.nextRunAt;
    if (scheduledFor.getTime() > clock.now().getTime()) await clock.advance(scheduledFor.getTime() - clock.now().getTime());
    const now = clock.now();
    const runCount = job.runCount + 1;
    const following = followingFire(job, scheduledFor, now, runCount);
    const settled: Job = {
      ...job,
      runCount,
      lastRunAt: now,
      updatedAt: now,
      attempts: 0,
      nextRunAt: following,
      ...(following ? {} : { status: 'completed' as const, completedAt: now }),
    };
    scheduler.jobs.set(id, settled);
    const text = (job.payload as { text?: string }).text ?? job.name;
    const delivered = chat.formatDelivery(settled, { type: 'success', text, scheduledFor, lateMs: 0 });
    return { ...delivered, text: plainText(delivered) };
  }
  /** The id of the button labelled `label` (exactly, or starting with it) in a message. */
  function button(msg: { actions?: Array<Array<{ id: string; label: string }>> } | undefined, label: string): string {
    const found = msg?.actions?.flat().find((a) => a.label === label || a.label.startsWith(label));
    if (!found) throw new Error(`no button "${label}" in ${JSON.stringify(msg?.actions)}`);
    return found.id;
  }
  return { clock, scheduler, chat, say, sayText, create, press, fire, button, errors };
}

/** A chat at `start` whose Alice has set her own zone by /tz in her private chat, as a person in that zone would first. */
export async function chatInZone(zone: string, start: string): Promise<ReturnType<typeof makeChat>> {
  const t = makeChat({ start });
  await t.say(ALICE_DM, `/tz ${zone}`);
  return t;
}
