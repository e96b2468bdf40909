import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { describePg, dropSchema, freshSchema } from '../store/pg-harness.js';
import { reminder, T0 } from '../store/contract.js';
import { type ApiFixture, FULL, ORIGIN, READONLY, startFixture } from './api-harness.js';
import { type SseMessage, openSse } from './sse-client.js';

/**
 * The event log over real HTTP: GET /api/v1/events pages and filters; the SSE stream carries
 * `id:` = event id, `event:` = type, `data:` = {id, at, type, jobId, actor, body}, resumes from
 * Last-Event-ID with nothing lost or repeated across a reconnect during a burst, sends
 * keep-alive comments on the clock, and on PostgreSQL shows every instance's events in id order.
 */

let fixtures: ApiFixture[] = [];
afterEach(async () => {
  for (const f of fixtures) await f.close();
  fixtures = [];
});
async function fixture(opts: Parameters<typeof startFixture>[0] = {}): Promise<ApiFixture> {
  const f = await startFixture(opts);
  fixtures.push(f);
  return f;
}

const create = { method: 'POST', json: { when: 'every day at 9am', text: 'x', origin: ORIGIN } };
const ids = (ms: SseMessage[]): number[] => ms.map((m) => Number(m.id));
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

describe('GET /api/v1/events', () => {
  it('pages with since/next, filters by type and job, as the API token', async () => {
    const f = await fixture();
    const a = (await (await f.call('/api/v1/jobs', create)).json()) as { id: string };
    await f.call('/api/v1/jobs', create);
    await f.call(`/api/v1/jobs/${a.id}/pause`, { method: 'POST' });
    const first = await f.call('/api/v1/events?limit=2', { token: READONLY });
    expect(first.status).toBe(200);
    const p1 = (await first.json()) as {
      events: Array<{ id: number; type: string; jobId: string; actor: unknown }>;
      next: number;
      more: boolean;
    };
    expect(p1.events.map((e) => e.type)).toEqual(['job.created', 'job.created']);
    expect(p1.more).toBe(true);
    expect(p1.events[0]!.actor).toEqual({ type: 'API', name: 'api-token', sessionId: 'api_api-token' });
    const p2 = (await (await f.call(`/api/v1/events?limit=2&since=${p1.next}`)).json()) as typeof p1;
    expect(p2.events.map((e) => e.type)).toEqual(['job.paused']);
    expect(p2.more).toBe(false);
    const ofA = (await (await f.call(`/api/v1/events?job_id=${a.id}`)).json()) as typeof p1;
    expect(ofA.events.map((e) => e.type)).toEqual(['job.created', 'job.paused']);
    const paused = (await (await f.call('/api/v1/events?type=job.paused,job.deleted')).json()) as typeof p1;
    expect(paused.events.map((e) => e.jobId)).toEqual([a.id]);
  });

  it('an unknown type or a bad since is a 400 problem naming the field and the valid types', async () => {
    const f = await fixture();
    const res = await f.call('/api/v1/events?type=job.exploded');
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: Array<{ field: string; message: string; fix?: string }> };
    expect(problem.errors[0]).toMatchObject({ field: 'query.type', message: expect.stringContaining('job.exploded') });
    expect(problem.errors[0]!.fix).toContain('job.created');
    expect((await f.call('/api/v1/events?since=-1')).status).toBe(400);
    expect((await f.call('/api/v1/events', { token: null })).status).toBe(401);
  });

  it('a misspelt filter is a 400 naming it, on the list and the stream, not the whole log unfiltered', async () => {
    const f = await fixture();
    for (const url of ['/api/v1/events?jobId=k7m2qd', '/api/v1/events/stream?jobId=k7m2qd']) {
      const res = await f.call(url);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('jobId');
    }
  });

  it('is in the OpenAPI document', async () => {
    const f = await fixture();
    const doc = (await (await f.call('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/events', '/api/v1/events/stream']));
  });
});

describe('GET /api/v1/events/stream (SSE)', () => {
  it('streams events as they commit: id, event type and the JSON contract; readonly token and cookie both read', async () => {
    const f = await fixture();
    const sse = await openSse(`${f.url}/api/v1/events/stream`, auth(READONLY));
    expect(sse.status).toBe(200);
    expect(sse.contentType).toMatch(/^text\/event-stream/);
    const job = (await (await f.call('/api/v1/jobs', create)).json()) as { id: string };
    await sse.until((ms) => ms.length >= 1);
    const [m] = sse.messages;
    expect(m!.event).toBe('job.created');
    const data = JSON.parse(m!.data) as Record<string, unknown>;
    expect(Object.keys(data).sort()).toEqual(['actor', 'at', 'body', 'id', 'jobId', 'type']);
    expect(data).toMatchObject({ id: Number(m!.id), type: 'job.created', jobId: job.id, actor: { type: 'API', name: 'api-token' } });
    sse.close();

    const login = await f.call('/api/v1/session', { method: 'POST', token: null, json: { token: FULL } });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const viaCookie = await openSse(`${f.url}/api/v1/events/stream?since=0`, { cookie });
    await viaCookie.until((ms) => ms.length >= 1);
    expect(viaCookie.messages[0]!.event).toBe('job.created');
    viaCookie.close();
    expect((await openSse(`${f.url}/api/v1/events/stream`, {})).status).toBe(401);
  });

  it('filters by type and job_id', async () => {
    const f = await fixture();
    const a = (await (await f.call('/api/v1/jobs', create)).json()) as { id: string };
    const sse = await openSse(`${f.url}/api/v1/events/stream?since=0&type=job.paused&job_id=${a.id}`, auth(FULL));
    const b = (await (await f.call('/api/v1/jobs', create)).json()) as { id: string };
    await f.call(`/api/v1/jobs/${b.id}/pause`, { method: 'POST' });
    await f.call(`/api/v1/jobs/${a.id}/pause`, { method: 'POST' });
    await sse.until((ms) => ms.length >= 1);
    await f.call(`/api/v1/jobs/${a.id}/resume`, { method: 'POST' });
    await f.call(`/api/v1/jobs/${a.id}/pause`, { method: 'POST' });
    await sse.until((ms) => ms.length >= 2);
    expect(sse.messages.map((m) => [m.event, JSON.parse(m.data).jobId])).toEqual([
      ['job.paused', a.id],
      ['job.paused', a.id],
    ]);
    sse.close();
  });

  it('a reconnect with Last-Event-ID during a burst loses and repeats nothing', async () => {
    const f = await fixture();
    const jobs = f.app.store.jobs;
    const N = 400;
    const burst = (async () => {
      for (let i = 0; i < N; i++) {
        await jobs.createJob(reminder(i), T0);
        if (i % 20 === 0) await new Promise((r) => setImmediate(r));
      }
    })();
    const first = await openSse(`${f.url}/api/v1/events/stream?since=0`, auth(READONLY));
    await first.until((ms) => ms.length >= 50);
    first.close();
    const got = [...first.messages];
    const last = got.at(-1)!.id!;
    // The browser's EventSource sends the URL it first used, plus Last-Event-ID: the header wins.
    const second = await openSse(`${f.url}/api/v1/events/stream?since=0`, { ...auth(READONLY), 'last-event-id': last });
    await burst;
    await second.until((ms) => got.length + ms.length >= N);
    second.close();
    got.push(...second.messages);
    const all = (await f.app.store.events.listEvents({ limit: 10_000 })).map((e) => e.id);
    expect(all).toHaveLength(N);
    expect(ids(got)).toEqual(all);
  });

  it('sends a keep-alive comment every 15 s of the clock', async () => {
    const f = await fixture();
    const sse = await openSse(`${f.url}/api/v1/events/stream`, auth(READONLY));
    await sse.until(() => sse.comments.length >= 1); // the opening comment
    const before = sse.comments.filter((c) => c === 'keep-alive').length;
    expect(before).toBe(0);
    await f.clock.advance(15_000);
    await sse.until(() => sse.comments.includes('keep-alive'));
    sse.close();
  });

  it('a long replay is paced by the reader, not buffered: 12 MB of backlog past a 256 KB limit arrives whole', async () => {
    const f = await fixture({ eventStream: { maxBufferedBytes: 256 * 1024 } });
    const n = 12_000;
    const db = new Database(f.dbPath);
    const insert = db.prepare(
      "INSERT INTO events (at, type, job_id, actor_type, actor_name, session_id, body) VALUES (?, 'job.updated', 'k7m2qd', 'API', 'test', NULL, ?)",
    );
    const body = JSON.stringify({ note: 'x'.repeat(1000) });
    db.transaction(() => {
      for (let i = 0; i < n; i++) insert.run(T0.getTime(), body);
    })();
    db.close();
    const sse = await openSse(`${f.url}/api/v1/events/stream?since=0`, auth(READONLY));
    await sse.until((ms) => ms.length >= n, 20_000);
    const got = ids(sse.messages);
    expect(got).toEqual(Array.from({ length: n }, (_, i) => got[0]! + i));
    sse.close();
  }, 30_000);

  it('a since or Last-Event-ID beyond the newest event is refused (400 naming the newest id), on the list and the stream: events added later would never reach that reader', async () => {
    const f = await fixture();
    await f.call('/api/v1/jobs', create);
    await f.call('/api/v1/jobs', create);
    const newest = (await f.app.store.events.listEvents({ limit: 100 })).at(-1)!.id;
    const atNewest = await f.call(`/api/v1/events?since=${newest}`);
    expect(atNewest.status).toBe(200);
    // The list names the newest id, so a reader can start there without probing past the end.
    expect(await atNewest.json()).toEqual({ events: [], next: newest, more: false, newest });
    expect(((await (await f.call('/api/v1/events?limit=1')).json()) as { newest: number }).newest).toBe(newest);
    for (const [path, headers] of [
      [`/api/v1/events?since=${newest + 1}`, {}],
      [`/api/v1/events/stream?since=${newest + 1000}`, {}],
      ['/api/v1/events/stream', { 'last-event-id': String(newest + 1) }],
    ] as const) {
      const res = await f.call(path, { headers });
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      const problem = (await res.json()) as { detail: string };
      expect(problem.detail).toContain(`the newest event is ${newest}`);
    }
    // The resumed reader at the newest id gets what comes next.
    const sse = await openSse(`${f.url}/api/v1/events/stream?since=${newest}`, auth(FULL));
    await f.call('/api/v1/jobs', create);
    await sse.until((ms) => ms.length >= 1);
    expect(ids(sse.messages)).toEqual([newest + 1]);
    sse.close();
  });

  it('a bad Last-Event-ID is a 400', async () => {
    const f = await fixture();
    const res = await f.call('/api/v1/events/stream', { headers: { 'last-event-id': 'yesterday' } });
    expect(res.status).toBe(400);
  });
});

describePg('SSE with two instances on one PostgreSQL schema', () => {
  it("one client sees both instances' events, in id order, none missing", async () => {
    const schema = freshSchema();
    try {
      const a = await fixture({ backend: 'postgres', schema });
      const b = await fixture({ backend: 'postgres', schema });
      const sse = await openSse(`${a.url}/api/v1/events/stream?since=0`, auth(READONLY));
      const N = 60;
      await Promise.all(
        [a, b].map(async (f) => {
          for (let i = 0; i < N; i++) await f.call('/api/v1/jobs', create);
        }),
      );
      await sse.until((ms) => ms.length >= 2 * N, 30_000);
      sse.close();
      const all = (await a.app.store.events.listEvents({ limit: 10_000 })).map((e) => e.id);
      expect(all).toHaveLength(2 * N);
      expect(ids(sse.messages)).toEqual(all);
    } finally {
      for (const f of fixtures) await f.close();
      fixtures = [];
      await dropSchema(schema);
    }
  }, 60_000);
});
