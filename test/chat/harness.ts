/** Builds a chat service for tests and gives people to talk through it. */
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

export const ALICE_DM: ChatContext = { platform: 'telegram', chatId: '100', chatType: 'private', userId: '100', userName: 'Alice', isAdmin: false };
export const BOB_DM: ChatContext = { platform: 'telegram', chatId: '200', chatType: 'private', userId: '200', userName: 'Bob', isAdmin: false };
export const ALICE_GROUP: ChatContext = { platform: 'telegram', chatId: '-500', chatType: 'group', userId: '100', userName: 'Alice', isAdmin: false };
export const BOB_GROUP: ChatContext = { ...ALICE_GROUP, userId: '200', userName: 'Bob' };
export const CAROL_ADMIN: ChatContext = { ...ALICE_GROUP, userId: '300', userName: 'Carol', isAdmin: true };

export function makeChat(opts: { quotas?: Partial<ChatQuotas>; start?: string; config?: Partial<ChatDeps['config']> } = {}) {
  const clock = new ManualClock(opts.start ?? '2026-11-22T10:00:00Z');
  const scheduler = fakeScheduler(clock);
  const store = tempStore(clock);
  const errors: unknown[] = [];
  const logger = { info() {}, warn() {}, error: (o: object) => void errors.push(o) };
  const chat = createChatService({
    scheduler, notes: store.notes, prefs: store.prefs, clock, parse,
    config: { defaultTimeZone: 'Europe/Berlin', ...opts.config, ...(opts.quotas ? { quotas: opts.quotas } : {}) }, logger,
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
  return { clock, scheduler, chat, say, sayText, create, press, errors };
}
