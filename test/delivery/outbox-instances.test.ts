/**
 * Two dispatchers on one database (two Chime instances on PostgreSQL, two processes on one
 * SQLite file) share the chats: each chat's messages must still go out one at a time and in
 * the order they were written, whichever instance sends them.
 */
import { plainText } from '../../src/core/outgoing-message.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import type { OutboxMessage } from '../../src/core/run.js';
import { OutboxDispatcher } from '../../src/delivery/outbox-dispatcher.js';
import type { Sender } from '../../src/core/ports/sender.js';
import { silentLogger } from '../../src/log.js';
import type { JobStore } from '../../src/core/ports/job-store.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { PgSchemaFixture, describePg } from '../store/pg-harness.js';

const MESSAGES = 240;
const CHATS = 12;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Both instances deliver everything; returns what the platform saw, per chat, and overlaps. */
async function twoInstances(a: JobStore, b: JobStore) {
  const clock = new ManualClock('2026-11-22T10:00:00Z');
  const messages: OutboxMessage[] = Array.from({ length: MESSAGES }, (_, i) => ({
    key: `k${i}`,
    jobId: null,
    to: { platform: 'test', chatId: `chat${i % CHATS}` },
    text: String(i),
  }));
  await a.enqueueOutbox(messages, clock.now());
  const seen: Array<{ chat: string; n: number; by: string }> = [];
  const inFlight = new Map<string, number>();
  let overlaps = 0;
  const sender = (by: string): Sender => ({
    platform: 'test',
    async send(to, msg) {
      const now = (inFlight.get(to.chatId) ?? 0) + 1;
      inFlight.set(to.chatId, now);
      if (now > 1) overlaps++;
      // A send takes a few turns of the event loop, so the two instances really interleave.
      for (let i = 0; i < 1 + (Number(plainText(msg)) % 3); i++) await new Promise((r) => setImmediate(r));
      seen.push({ chat: to.chatId, n: Number(plainText(msg)), by });
      inFlight.set(to.chatId, (inFlight.get(to.chatId) ?? 1) - 1);
      return { messageId: `${by}-${plainText(msg)}` };
    },
  });
  const dispatcher = (store: JobStore, by: string) =>
    new OutboxDispatcher({ store, clock, logger: silentLogger(), senders: [sender(by)], options: { owner: `${by}:1:aaaaaa`, maxHeld: 8 } });
  const one = dispatcher(a, 'one');
  const two = dispatcher(b, 'two');
  for (let i = 0; i < 500 && seen.length < MESSAGES; i++) await Promise.all([one.drain(), two.drain()]);
  const order = new Map<string, number[]>();
  for (const s of seen) order.set(s.chat, [...(order.get(s.chat) ?? []), s.n]);
  return { seen, order, overlaps, by: new Set(seen.map((s) => s.by)) };
}

function expectChatsInOrder(r: Awaited<ReturnType<typeof twoInstances>>): void {
  expect(r.seen).toHaveLength(MESSAGES);
  for (let c = 0; c < CHATS; c++) {
    const expected = Array.from({ length: MESSAGES / CHATS }, (_, i) => i * CHATS + c);
    expect(r.order.get(`chat${c}`), `chat${c}`).toEqual(expected);
  }
  expect(r.overlaps).toBe(0);
  expect(r.by).toEqual(new Set(['one', 'two'])); // both took part
}

describe('two dispatchers on one SQLite file', () => {
  it("each chat's messages go out one at a time, in order, whichever process sends them", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chime-outbox-two-'));
    const first = openSqliteStore(join(dir, 'chime.db'));
    const second = openSqliteStore(join(dir, 'chime.db'));
    cleanups.push(
      () => rmSync(dir, { recursive: true, force: true }),
      () => first.close(),
      () => second.close(),
    );
    expectChatsInOrder(await twoInstances(first.jobs, second.jobs));
  });
});

describePg('two dispatchers on one PostgreSQL schema', () => {
  it("each chat's messages go out one at a time, in order, whichever instance sends them", async () => {
    const fx = new PgSchemaFixture();
    cleanups.push(() => fx.dispose());
    const a = await fx.open({ poolSize: 4 });
    const b = await fx.open({ poolSize: 4 });
    expectChatsInOrder(await twoInstances(a.jobs, b.jobs));
  });
});
