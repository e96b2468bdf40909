import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, flushMicrotasks } from '../../src/clock.js';
import type { OutboxMessage, OutboxRow } from '../../src/core/run.js';
import { OutboxDispatcher, type OutboxDispatcherOptions } from '../../src/delivery/outbox-dispatcher.js';
import { PermanentDeliveryError, RateLimitedError, TransientDeliveryError } from '../../src/core/ports/sender.js';
import { silentLogger } from '../../src/log.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/index.js';
import { FakeSender } from './fake-sender.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A real SQLite store in a temp file, with helpers to add and inspect outbox rows. */
function sqliteOutbox(clock: ManualClock) {
  const dir = mkdtempSync(join(tmpdir(), 'chime-outbox-'));
  const store: SqliteStore = openSqliteStore(join(dir, 'chime.db'), { clock });
  cleanups.push(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    jobs: store.jobs,
    enqueue: (messages: OutboxMessage[], now: Date) => store.jobs.enqueueOutbox(messages, now),
    get rows(): OutboxRow[] {
      return store.jobs.listOutbox({});
    },
    nextOutboxAt: () => store.jobs.nextOutboxAt(),
  };
}

function msg(key: string, chatId = 'c1', platform = 'test'): OutboxMessage {
  return { key, jobId: `job-${key}`, to: { platform, chatId }, text: `text ${key}` };
}

function setup(opts: Partial<OutboxDispatcherOptions> = {}) {
  const clock = new ManualClock('2026-11-22T10:00:00Z');
  const store = sqliteOutbox(clock);
  const sender = new FakeSender('test');
  const dead: Array<{ row: OutboxRow; error: Error }> = [];
  const dispatcher = new OutboxDispatcher({
    store: store.jobs,
    clock,
    logger: silentLogger(),
    senders: [sender],
    onDead: (row, error) => void dead.push({ row, error }),
    options: opts,
  });
  return { clock, store, sender, dead, dispatcher };
}

describe('outbox dispatcher', () => {
  it('sends each row through the sender of its platform and marks it sent with the platform id', async () => {
    const { clock, store, sender, dispatcher } = setup();
    store.enqueue([msg('a'), msg('b', 'c2')], clock.now());
    await dispatcher.drain();
    expect(sender.delivered.map((c) => c.text).sort()).toEqual(['text a', 'text b']);
    expect(store.rows.map((r) => [r.status, r.sentRef])).toEqual(
      [
        ['sent', 'm1'],
        ['sent', 'm2'],
      ].sort((x, y) => String(x[1]).localeCompare(String(y[1]))),
    );
  });

  it('rate limit: the message waits retryAfter and is not sent earlier', async () => {
    const { clock, store, sender, dispatcher } = setup();
    sender.behave = (_c, n) => {
      if (n === 1) throw new RateLimitedError(7_000);
    };
    store.enqueue([msg('a')], clock.now());
    await dispatcher.drain();
    expect(store.rows[0]?.status).toBe('pending');
    expect(store.rows[0]?.availableAt.toISOString()).toBe('2026-11-22T10:00:07.000Z');
    await clock.advance(6_999);
    await dispatcher.drain();
    expect(sender.delivered).toHaveLength(0);
    await clock.advance(1);
    await dispatcher.drain();
    expect(sender.delivered).toHaveLength(1);
    expect(store.rows[0]?.status).toBe('sent');
  });

  it('transient errors back off exponentially (2 s, 4 s, 8 s) and then succeed', async () => {
    const { clock, store, sender, dispatcher } = setup();
    sender.behave = (_c, n) => {
      if (n <= 3) throw new TransientDeliveryError('502 bad gateway');
    };
    store.enqueue([msg('a')], clock.now());
    const start = clock.now().getTime();
    const retryTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      await dispatcher.drain();
      const at = store.rows[0]!.availableAt.getTime();
      retryTimes.push(at - clock.now().getTime());
      await clock.set(at);
    }
    await dispatcher.drain();
    expect(retryTimes).toEqual([2_000, 4_000, 8_000]);
    expect(store.rows[0]?.status).toBe('sent');
    expect(clock.now().getTime() - start).toBe(14_000);
  });

  it('backoff is capped and a message failing maxAttempts times goes dead and calls onDead once', async () => {
    const { clock, store, sender, dispatcher, dead } = setup({ backoff: { baseMs: 1_000, maxMs: 5_000, maxAttempts: 5 } });
    sender.behave = () => {
      throw new TransientDeliveryError('connection reset');
    };
    store.enqueue([msg('a')], clock.now());
    const delays: number[] = [];
    for (let i = 0; i < 10 && store.rows[0]!.status !== 'dead'; i++) {
      await dispatcher.drain();
      if (store.rows[0]!.status === 'pending') {
        delays.push(store.rows[0]!.availableAt.getTime() - clock.now().getTime());
        await clock.set(store.rows[0]!.availableAt);
      }
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 5_000]);
    expect(store.rows[0]?.status).toBe('dead');
    expect(sender.calls).toHaveLength(5);
    expect(dead).toHaveLength(1);
    expect(dead[0]?.error.message).toBe('connection reset');
  });

  it('a permanent error (chat gone) goes dead at once and onDead gets the row and error', async () => {
    const { clock, store, sender, dispatcher, dead } = setup();
    sender.behave = () => {
      throw new PermanentDeliveryError('chat not found');
    };
    store.enqueue([msg('a')], clock.now());
    await dispatcher.drain();
    expect(store.rows[0]?.status).toBe('dead');
    expect(store.rows[0]?.lastError).toBe('chat not found');
    expect(dead.map((d) => [d.row.key, d.row.jobId, d.error.name])).toEqual([['a', 'job-a', 'PermanentDeliveryError']]);
  });

  it('a message for a platform without a sender stays pending and is sent once a sender registers', async () => {
    const { clock, store, sender, dispatcher } = setup();
    store.enqueue([msg('a', 'c1', 'discord')], clock.now());
    await dispatcher.drain();
    expect(store.rows[0]?.status).toBe('pending');
    expect(sender.calls).toHaveLength(0);
    const discord = new FakeSender('discord');
    dispatcher.register(discord);
    await clock.advance(60_000);
    await dispatcher.drain();
    expect(discord.delivered).toHaveLength(1);
    expect(store.rows[0]?.status).toBe('sent');
  });

  it('per-chat order: never two in flight to one chat, rows go out in id order', async () => {
    const { clock, store, sender, dispatcher } = setup({ concurrencyPerPlatform: 4 });
    sender.behave = async () => {
      await new Promise((r) => setImmediate(r));
    };
    const messages: OutboxMessage[] = [];
    for (let i = 0; i < 30; i++) messages.push(msg(`k${i}`, `chat${i % 3}`));
    store.enqueue(messages, clock.now());
    await dispatcher.drain();
    expect(sender.maxInFlightPerChat).toBe(1);
    expect(sender.maxInFlight).toBeGreaterThan(1);
    for (const chat of ['chat0', 'chat1', 'chat2']) {
      const order = sender.delivered.filter((c) => c.to.chatId === chat).map((c) => Number(c.text.slice(6)));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(order).toHaveLength(10);
    }
  });

  it('per-chat order survives a retry: later rows of that chat wait behind the failed one', async () => {
    const { clock, store, sender, dispatcher } = setup();
    sender.behave = (_c, n) => {
      if (n === 1) throw new RateLimitedError(3_000);
    };
    store.enqueue([msg('first'), msg('second'), msg('third'), msg('other', 'c2')], clock.now());
    await dispatcher.drain();
    expect(sender.delivered.map((c) => c.text)).toEqual(['text other']);
    await clock.advance(3_000);
    await dispatcher.drain();
    expect(sender.delivered.map((c) => c.text)).toEqual(['text other', 'text first', 'text second', 'text third']);
  });

  it('concurrency per platform is bounded', async () => {
    const { clock, store, sender, dispatcher } = setup({ concurrencyPerPlatform: 3 });
    sender.behave = async () => {
      await new Promise((r) => setImmediate(r));
    };
    store.enqueue(
      Array.from({ length: 40 }, (_, i) => msg(`k${i}`, `chat${i}`)),
      clock.now(),
    );
    await dispatcher.drain();
    expect(sender.delivered).toHaveLength(40);
    expect(sender.maxInFlight).toBe(3);
  });

  it('nothing lost under random failures: every message delivered exactly once or dead', async () => {
    const { clock, store, sender, dispatcher, dead } = setup({ maxHeld: 25 });
    let seed = 42;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    sender.behave = () => {
      const r = rand();
      if (r < 0.15) throw new RateLimitedError(1_000);
      if (r < 0.3) throw new TransientDeliveryError('flaky');
      if (r < 0.32) throw new PermanentDeliveryError('gone');
    };
    store.enqueue(
      Array.from({ length: 200 }, (_, i) => msg(`k${i}`, `chat${i % 17}`)),
      clock.now(),
    );
    for (let i = 0; i < 2_000 && store.rows.some((r) => r.status === 'pending' || r.status === 'sending'); i++) {
      await dispatcher.drain();
      const next = store.nextOutboxAt();
      if (next) await clock.set(new Date(Math.max(next.getTime(), clock.now().getTime())));
    }
    const sentKeys = sender.delivered.map((c) => c.text);
    expect(new Set(sentKeys).size).toBe(sentKeys.length);
    expect(sentKeys.length + dead.length).toBe(200);
    expect(store.rows.filter((r) => r.status === 'sent')).toHaveLength(sentKeys.length);
    expect(sender.maxInFlightPerChat).toBe(1);
  });

  it('the loop sleeps on the clock and wake() sends new rows without waiting for the timer', async () => {
    const { clock, store, sender, dispatcher } = setup();
    dispatcher.start();
    await flushMicrotasks();
    store.enqueue([msg('a')], clock.now());
    dispatcher.wake();
    await flushMicrotasks(20);
    expect(sender.delivered).toHaveLength(1);
    // A retry scheduled 5 s ahead is picked up when the clock gets there.
    sender.behave = (_c, n) => {
      if (n === 2) throw new RateLimitedError(5_000);
    };
    store.enqueue([msg('b')], clock.now());
    dispatcher.wake();
    await flushMicrotasks(20);
    expect(sender.delivered).toHaveLength(1);
    await clock.advance(5_000);
    await flushMicrotasks(20);
    expect(sender.delivered).toHaveLength(2);
    await dispatcher.stop();
  });

  it('stop lets the send in flight finish and gives queued rows back for a restart', async () => {
    const { clock, store, sender, dispatcher } = setup();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    sender.behave = (_c, n) => (n === 1 ? gate : undefined);
    store.enqueue([msg('a'), msg('b')], clock.now());
    dispatcher.start();
    await flushMicrotasks(10);
    expect(sender.inFlight).toBe(1);
    const stopped = dispatcher.stop();
    release();
    await stopped;
    expect(store.rows.map((r) => r.status)).toEqual(['sent', 'pending']);
    expect(store.rows[1]?.availableAt.getTime()).toBe(clock.now().getTime());
  });

  it('a dispatcher that dies mid-send loses nothing: another one sends the row after its lease expires', async () => {
    const { clock, store, sender } = setup();
    sender.behave = () => new Promise<void>(() => {}); // the "crashed" process never returns
    const first = new OutboxDispatcher({
      store: store.jobs,
      clock,
      logger: silentLogger(),
      senders: [sender],
      options: { leaseMs: 10_000 },
    });
    store.enqueue([msg('a'), msg('b', 'c2')], clock.now());
    void first.drain();
    await flushMicrotasks(10);
    expect(store.rows.map((r) => r.status)).toEqual(['sending', 'sending']);
    const healthy = new FakeSender('test');
    const second = new OutboxDispatcher({
      store: store.jobs,
      clock,
      logger: silentLogger(),
      senders: [healthy],
      options: { leaseMs: 10_000 },
    });
    await second.drain();
    expect(healthy.delivered).toHaveLength(0); // leases still held
    await clock.advance(10_000);
    await second.drain();
    expect(healthy.delivered.map((c) => c.text).sort()).toEqual(['text a', 'text b']);
    expect(store.rows.map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('a short wait keeps the rows behind it claimed without counting an attempt against them', async () => {
    const { clock, store, sender, dispatcher } = setup();
    sender.behave = (_c, n) => {
      if (n === 1) throw new RateLimitedError(2_000);
    };
    store.enqueue([msg('first'), msg('second')], clock.now());
    await dispatcher.drain();
    // A rate limit is a wait, not a failed attempt: neither row counts one.
    expect(store.rows.map((r) => [r.status, r.attempts])).toEqual([
      ['pending', 0],
      ['sending', 0],
    ]);
    await clock.advance(2_000);
    await dispatcher.drain();
    expect(sender.delivered.map((c) => c.text)).toEqual(['text first', 'text second']);
    expect(store.rows.map((r) => r.attempts)).toEqual([0, 0]);
  });

  it('a long wait hands the rows behind it back to the store, due with the failed one', async () => {
    const { clock, store, sender, dispatcher } = setup({ holdMs: 1_000 });
    sender.behave = (_c, n) => {
      if (n === 1) throw new TransientDeliveryError('503');
    };
    store.enqueue([msg('first'), msg('second'), msg('third')], clock.now());
    await dispatcher.drain();
    const due = clock.now().getTime() + 2_000;
    expect(store.rows.map((r) => [r.status, r.availableAt.getTime()])).toEqual([
      ['pending', due],
      ['pending', due],
      ['pending', due],
    ]);
    await clock.set(due);
    await dispatcher.drain();
    expect(sender.delivered.map((c) => c.text)).toEqual(['text first', 'text second', 'text third']);
  });

  it('chats waiting for a retry do not starve the others of claim capacity', async () => {
    const { clock, store, sender, dispatcher } = setup({ maxHeld: 4 });
    sender.behave = (c) => {
      if (c.to.chatId.startsWith('slow') && clock.now().getTime() < Date.parse('2026-11-22T10:00:03Z')) throw new RateLimitedError(3_000);
    };
    const rows: OutboxMessage[] = [];
    for (let i = 0; i < 4; i++) rows.push(msg(`s${i}a`, `slow${i}`), msg(`s${i}b`, `slow${i}`));
    for (let i = 0; i < 6; i++) rows.push(msg(`f${i}`, `fast${i}`));
    store.enqueue(rows, clock.now());
    await dispatcher.drain();
    expect(sender.delivered.map((c) => c.text).sort()).toEqual(['text f0', 'text f1', 'text f2', 'text f3', 'text f4', 'text f5']);
    await clock.advance(3_000);
    await dispatcher.drain();
    expect(sender.delivered).toHaveLength(14);
    for (let i = 0; i < 4; i++) {
      const order = sender.delivered.filter((c) => c.to.chatId === `slow${i}`).map((c) => c.text);
      expect(order).toEqual([`text s${i}a`, `text s${i}b`]);
    }
  });

  it("a chat's later message waits for an earlier one a dead dispatcher still holds, then both go in order, once each", async () => {
    const { clock, store, sender } = setup();
    const stuck = new FakeSender('test');
    stuck.behave = () => new Promise<void>(() => {});
    const dead = new OutboxDispatcher({
      store: store.jobs,
      clock,
      logger: silentLogger(),
      senders: [stuck],
      options: { leaseMs: 10_000, maxHeld: 1 },
    });
    store.enqueue([msg('a')], clock.now());
    void dead.drain();
    await flushMicrotasks(10);
    store.enqueue([msg('b'), msg('other', 'c2')], clock.now());
    const live = new OutboxDispatcher({
      store: store.jobs,
      clock,
      logger: silentLogger(),
      senders: [sender],
      options: { leaseMs: 10_000 },
    });
    await live.drain();
    // Another chat is not held up; this one gets nothing before its earlier message.
    expect(sender.delivered.map((c) => c.text)).toEqual(['text other']);
    expect(store.nextOutboxAt()).toEqual(new Date(clock.now().getTime() + 10_000));
    await clock.advance(10_000);
    await live.drain();
    expect(sender.delivered.map((c) => c.text)).toEqual(['text other', 'text a', 'text b']);
    expect(store.rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
  });
});

describe('outbox dispatcher: rate limits are waits, not failures', () => {
  /**
   * One chat answers every message with twelve 429 "retry after 6 s" and then one 500 before
   * accepting it: only the 500 is a failed send. Drives the dispatcher on the fake clock from
   * one due row to the next and returns what the platform saw.
   */
  async function rateLimitedChat(messages: number) {
    const { clock, store, sender, dispatcher, dead } = setup();
    const tries = new Map<string, number[]>();
    sender.behave = (c) => {
      const times = tries.get(c.text) ?? [];
      times.push(clock.now().getTime());
      tries.set(c.text, times);
      if (times.length <= 12) throw new RateLimitedError(6_000, 'telegram sendMessage 429: Too Many Requests: retry after 6');
      if (times.length === 13) throw new TransientDeliveryError('telegram sendMessage 500: Internal Server Error');
    };
    store.enqueue(
      Array.from({ length: messages }, (_, i) => msg(`r${i}`, 'busy-chat')),
      clock.now(),
    );
    for (let i = 0; i < 20 * messages && store.rows.some((r) => r.status === 'pending' || r.status === 'sending'); i++) {
      await dispatcher.drain();
      const next = store.nextOutboxAt();
      if (next) await clock.set(new Date(Math.max(next.getTime(), clock.now().getTime())));
    }
    // The wait after each message's one real failure: the gap between the 500 and the next try.
    const afterFailure = [...tries.values()].filter((t) => t.length > 13).map((t) => t[13]! - t[12]!);
    // First try to the accepted one, per message.
    const spans = [...tries.values()].filter((t) => t.length > 13).map((t) => t[t.length - 1]! - t[0]!);
    return { store, sender, dead, afterFailure, spans };
  }

  it('30 reminders to one chat answering twelve 429 (retry after 6 s) then one 500 each: all 30 delivered, in order', async () => {
    const { store, sender, dead, afterFailure, spans } = await rateLimitedChat(30);
    expect(dead.map((d) => d.row.key)).toEqual([]);
    expect(sender.delivered.map((c) => c.text)).toEqual(Array.from({ length: 30 }, (_, i) => `text r${i}`));
    expect(store.rows.map((r) => r.status)).toEqual(Array(30).fill('sent'));
    // Only the 500 counted: one failed attempt each, whatever the 429s and the waiting behind them.
    expect(store.rows.map((r) => r.attempts)).toEqual(Array(30).fill(1));
    // The backoff after a message's first real failure is the first step (2 s), not one grown by the 429s.
    expect(Math.max(...afterFailure)).toBe(2_000);
    // Twelve waits of 6 s and one backoff of 2 s: 74 s from a message's first try to its delivery.
    expect(Math.max(...spans)).toBe(12 * 6_000 + 2_000);
  });

  it('a real failure still counts: a message that keeps failing after rate limits is given up after maxAttempts failures', async () => {
    const { clock, store, sender, dispatcher, dead } = setup({ backoff: { baseMs: 1_000, maxMs: 5_000, maxAttempts: 3 } });
    sender.behave = (_c, n) => {
      if (n % 2 === 1) throw new RateLimitedError(6_000);
      throw new TransientDeliveryError('502 bad gateway');
    };
    store.enqueue([msg('a')], clock.now());
    for (let i = 0; i < 20 && store.rows[0]!.status !== 'dead'; i++) {
      await dispatcher.drain();
      const next = store.nextOutboxAt();
      if (next) await clock.set(new Date(Math.max(next.getTime(), clock.now().getTime())));
    }
    expect(store.rows[0]).toMatchObject({ status: 'dead', attempts: 3, lastError: '502 bad gateway' });
    expect(sender.calls).toHaveLength(6); // three 429s between three real failures
    expect(dead).toHaveLength(1);
  });
});
