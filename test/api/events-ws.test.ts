import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { socketEventName } from '../../src/api/event-socket.js';
import { type ApiFixture, FULL, ORIGIN, READONLY, startFixture } from './api-harness.js';

/**
 * GET /api/v1/ws over a real WebSocket: authenticated like GET routes, subscribe with a filter
 * (seed names or our types, a job) and resume_from, messages named as in the seed's WebSocket API.
 */

let f: ApiFixture;
afterEach(async () => {
  await f?.close();
});

interface Received {
  type: string;
  event?: { id: number; type: string; jobId: string | null };
  error?: string;
}

async function connect(
  token: string | null,
  headers: Record<string, string> = {},
): Promise<{ ws: WebSocket; got: Received[]; until(n: number): Promise<void> }> {
  const ws = new WebSocket(`${f.url.replace('http', 'ws')}/api/v1/ws`, {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
  const got: Received[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (d) => {
    got.push(JSON.parse(String(d)) as Received);
    for (const w of [...waiters]) w();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  return {
    ws,
    got,
    until: (n) =>
      new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`only ${got.length} messages`)), 15_000);
        const w = () => {
          if (got.length >= n) {
            clearTimeout(t);
            waiters.delete(w);
            resolve();
          }
        };
        waiters.add(w);
        w();
      }),
  };
}

const create = { method: 'POST', json: { when: 'every day at 9am', text: 'x', origin: ORIGIN } };

describe('GET /api/v1/ws', () => {
  it('refuses an unauthenticated upgrade with 401', async () => {
    f = await startFixture();
    await expect(connect(null)).rejects.toThrow('HTTP 401');
    await expect(connect('wrong-token-000000000000')).rejects.toThrow('HTTP 401');
  });

  it('after subscribe, sends events under the seed names; a job filter and type filter hold', async () => {
    f = await startFixture();
    const a = (await (await f.call('/api/v1/jobs', create)).json()) as { id: string };
    const c = await connect(READONLY);
    c.ws.send(JSON.stringify({ type: 'subscribe', filter: { types: ['schedule_update', 'schedule_removed'], job_id: a.id } }));
    await c.until(1);
    expect(c.got[0]).toEqual({ type: 'subscribed', resume_from: null });
    const b = (await (await f.call('/api/v1/jobs', create)).json()) as { id: string };
    await f.call(`/api/v1/jobs/${b.id}/pause`, { method: 'POST' });
    await f.call(`/api/v1/jobs/${a.id}/pause`, { method: 'POST' });
    await f.call(`/api/v1/jobs/${a.id}`, { method: 'DELETE' });
    await c.until(3);
    expect(c.got.slice(1).map((m) => [m.type, m.event?.type, m.event?.jobId])).toEqual([
      ['schedule_update', 'job.paused', a.id],
      ['schedule_removed', 'job.deleted', a.id],
    ]);
    c.ws.close();
  });

  it('resume_from replays from the store, then live, nothing twice; a bad message gets a friendly error and changes nothing', async () => {
    f = await startFixture();
    for (let i = 0; i < 3; i++) await f.call('/api/v1/jobs', create);
    const all = (await f.app.store.events.listEvents({ limit: 100 })).map((e) => e.id);
    const c = await connect(FULL);
    c.ws.send('{"type":"subscrib"}');
    await c.until(1);
    expect(c.got[0]!.type).toBe('error');
    expect(c.got[0]!.error).toContain('"type":"subscribe"');
    c.ws.send(JSON.stringify({ type: 'subscribe', resume_from: all[0] }));
    await c.until(4);
    await f.call('/api/v1/jobs', create);
    await c.until(5);
    const events = c.got.filter((m) => m.event).map((m) => m.event!.id);
    expect(events).toEqual([...all.slice(1), all.at(-1)! + 1]);
    expect(c.got.filter((m) => m.event).every((m) => m.type === 'schedule_update')).toBe(true);
    c.ws.close();
  });

  it('resume_from beyond the newest event is refused with the newest id, and subscribes nothing (later events would never reach it)', async () => {
    f = await startFixture();
    await f.call('/api/v1/jobs', create);
    const newest = (await f.app.store.events.listEvents({ limit: 100 })).at(-1)!.id;
    const c = await connect(FULL);
    c.ws.send(JSON.stringify({ type: 'subscribe', resume_from: newest + 5 }));
    await c.until(1);
    expect(c.got[0]!.type).toBe('error');
    expect(c.got[0]!.error).toContain(`the newest event is ${newest}`);
    c.ws.send(JSON.stringify({ type: 'subscribe', resume_from: newest }));
    await c.until(2);
    await f.call('/api/v1/jobs', create);
    await c.until(3);
    expect(c.got[1]).toEqual({ type: 'subscribed', resume_from: newest });
    expect(c.got[2]!.event!.id).toBe(newest + 1);
    c.ws.close();
  });

  it('maps run and job events onto the seed names', () => {
    expect(socketEventName({ type: 'run.started', body: {} })).toBe('task_started');
    expect(socketEventName({ type: 'run.succeeded', body: {} })).toBe('task_finished');
    expect(socketEventName({ type: 'run.retry', body: {} })).toBe('task_error');
    expect(socketEventName({ type: 'job.status', body: { to: 'cancelled' } })).toBe('schedule_removed');
    expect(socketEventName({ type: 'job.status', body: { to: 'completed' } })).toBe('schedule_update');
    expect(socketEventName({ type: 'delivery.sent', body: {} })).toBe('delivery.sent');
  });

  it('a replay is paced by the reader: one that pauses mid-way gets every event after, never closed', async () => {
    f = await startFixture({ eventStream: { maxBufferedBytes: 256 * 1024 } });
    // 12 MB of backlog, far past the kernel's socket buffers and the 256 KB limit: sent all at
    // once, it would be held in memory for a reader that reads nothing (or the reader closed).
    addEvents(f.dbPath, N);
    const c = await connect(FULL);
    c.ws.send(JSON.stringify({ type: 'subscribe', resume_from: 0 }));
    await c.until(1);
    await stall(c.ws, 1500);
    await c.until(N + 1);
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
    const ids = c.got.filter((m) => m.event).map((m) => m.event!.id);
    expect(ids).toEqual(Array.from({ length: N }, (_, i) => ids[0]! + i));
    c.ws.close();
  }, 30_000);

  it('a reader that stops reading while live events pour in is closed (1013), not held in memory; resume_from loses nothing', async () => {
    f = await startFixture({ eventStream: { maxBufferedBytes: 256 * 1024 } });
    const c = await connect(FULL);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      c.ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
    c.ws.send(JSON.stringify({ type: 'subscribe', resume_from: 0 }));
    await c.until(1);
    const socket = pausable(c.ws);
    socket.pause();
    addEvents(f.dbPath, N);
    await f.app.store.events.listEvents({ limit: 1 }); // the live reader is woken by the file watcher
    await new Promise((r) => setTimeout(r, 1500));
    socket.resume();
    const end = await Promise.race([closed, c.until(N + 1).then(() => ({ code: 0, reason: 'read everything' }))]);
    expect(end.code).toBe(1013);
    expect(end.reason).toContain('resume_from');
    const firstPart = c.got.filter((m) => m.event).map((m) => m.event!.id);
    expect(firstPart.length).toBeLessThan(N);
    const again = await connect(FULL);
    again.ws.send(JSON.stringify({ type: 'subscribe', resume_from: firstPart.at(-1) ?? 0 }));
    await again.until(N - firstPart.length + 1);
    const ids = [...firstPart, ...again.got.filter((m) => m.event).map((m) => m.event!.id)];
    expect(ids).toHaveLength(N);
    expect(ids).toEqual(Array.from({ length: N }, (_, i) => ids[0]! + i));
    again.ws.close();
  }, 30_000);
});

const N = 12_000;

/** N events of ~1 KB written straight to the file, as another process sharing it would. */
function addEvents(dbPath: string, n: number): void {
  const db = new Database(dbPath);
  const insert = db.prepare(
    "INSERT INTO events (at, type, job_id, actor_type, actor_name, session_id, body) VALUES (?, 'job.updated', 'k7m2qd', 'API', 'test', NULL, ?)",
  );
  const body = JSON.stringify({ note: 'x'.repeat(1000) });
  db.transaction(() => {
    for (let i = 0; i < n; i++) insert.run(Date.parse('2026-11-22T09:00:00Z'), body);
  })();
  db.close();
}

/** The client's TCP socket: paused, it reads nothing, as a stalled client. */
function pausable(ws: WebSocket): { pause(): void; resume(): void } {
  return (ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
}

async function stall(ws: WebSocket, ms: number): Promise<void> {
  const socket = pausable(ws);
  socket.pause();
  await new Promise((r) => setTimeout(r, ms));
  socket.resume();
}
