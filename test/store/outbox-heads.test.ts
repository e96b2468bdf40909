import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../src/core/run.js';
import { prepareOutboxQueries } from '../../src/store/sqlite/outbox-queries.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { PgSchemaFixture, describePg } from './pg-harness.js';

/**
 * nextOutboxAt answers from each chat's first unsent message (its head): messages behind a
 * head wait for it, whatever their own time. It hops from chat to chat on the unsent-messages
 * index, so these cases cross chats and platforms in every order the hop takes.
 */

const T0 = new Date('2026-12-01T12:00:00Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);
const lease = { owner: 'd1', durationMs: 30_000 };

const msg = (key: string, platform: string, chatId: string): OutboxMessage => ({ key, jobId: null, to: { platform, chatId }, text: key });

interface OutboxPort {
  enqueueOutbox(m: OutboxMessage[], now: Date): unknown;
  claimOutbox(now: Date, limit: number, l: typeof lease): Promise<Array<{ id: number; key: string }>> | Array<{ id: number; key: string }>;
  markPostponed(id: number, reason: string, availableAt: Date): unknown;
  markSent(id: number, ref: string, now: Date): unknown;
  nextOutboxAt(): Promise<Date | undefined> | Date | undefined;
}

/** The same cases on either store. */
async function heads(store: OutboxPort): Promise<void> {
  expect(await store.nextOutboxAt()).toBeUndefined();
  // Three chats on two platforms, entered out of (platform, chat) order.
  await store.enqueueOutbox(
    [msg('b1', 'tg', 'b'), msg('a1', 'dc', 'a'), msg('a2', 'dc', 'a'), msg('c1', 'tg', 'c'), msg('b2', 'tg', 'b')],
    T0,
  );
  expect(await store.nextOutboxAt()).toEqual(T0);
  // Take everything; postpone every head to its own time, the rest of each chat back to T0.
  const claimed = await store.claimOutbox(T0, 10, lease);
  expect(claimed.map((r) => r.key)).toEqual(['b1', 'a1', 'a2', 'c1', 'b2']);
  const id = (key: string) => claimed.find((r) => r.key === key)!.id;
  await store.markPostponed(id('a1'), 'wait', at(9500));
  await store.markPostponed(id('b1'), 'wait', at(7000));
  await store.markPostponed(id('c1'), 'wait', at(8000));
  for (const k of ['a2', 'b2']) await store.markPostponed(id(k), 'behind', T0);
  // a2 and b2 are available now but wait behind their heads; the earliest head is on the
  // second platform (tg after dc).
  expect(await store.nextOutboxAt()).toEqual(at(7000));
  await store.markSent(id('b1'), 'r', at(7000));
  // Chat b's head is now b2, available since T0.
  expect(await store.nextOutboxAt()).toEqual(T0);
  await store.markSent(id('b2'), 'r', at(7000));
  // Heads a1 (9.5 s) and c1 (8 s); a2 still waits behind a1.
  expect(await store.nextOutboxAt()).toEqual(at(8000));
  // A head being sent counts by its lease expiry: c1's runs to 38 s, so a1 (9.5 s) is next.
  const [c1] = await store.claimOutbox(at(8000), 1, lease);
  expect(c1?.key).toBe('c1');
  expect(await store.nextOutboxAt()).toEqual(at(9500));
}

describe('outbox heads on SQLite', () => {
  it('nextOutboxAt is the earliest time of a chat head, across chats and platforms', async () => {
    const s = openSqliteStore(':memory:');
    await heads(s.jobs);
    s.close();
  });

  it('nextOutboxAt hops over the unsent-messages index: it never groups or scans the outbox', () => {
    const s = openSqliteStore(':memory:');
    const plan = s.db
      .prepare(`EXPLAIN QUERY PLAN ${prepareOutboxQueries(s.db).nextOutboxAt.source}`)
      .all()
      .map((r) => (r as { detail: string }).detail)
      .join(' | ');
    expect(plan).toMatch(/outbox_unsent \(platform=\? AND chat_id>\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE|SCAN outbox USING INDEX outbox_(pending|sending)/);
    s.close();
  });
});

describePg('outbox heads on PostgreSQL', () => {
  let fx: PgSchemaFixture;
  afterEach(async () => fx.dispose());

  it('nextOutboxAt is the earliest time of a chat head, across chats and platforms', async () => {
    fx = new PgSchemaFixture();
    const s = await fx.open();
    await heads(s.jobs);
  });
});
