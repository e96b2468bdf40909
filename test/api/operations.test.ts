/**
 * The operations side of the API, over real HTTP on SQLite and PostgreSQL: run history per job
 * and overall (status, time range, pages, the run detail with lateness, duration and ghost
 * session), people's notes gated by CHIME_API_MEMORY in the notes store, readiness from the
 * app's adapters, and the store's counts in /metrics.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Adapter } from '../../src/chat/adapter.js';
import { humanContext, runWithContext } from '../../src/core/runtime-context.js';
import { describePg } from '../store/pg-harness.js';
import { type ApiFixture, ORIGIN, READONLY, startFixture } from './api-harness.js';

type Run = { runId: string; jobId: string; status: string; lateMs: number; durationMs: number | null; ghostSessionId: string };

let f: ApiFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

async function json<T>(res: Response, status = 200): Promise<T> {
  const body = (await res.json()) as T;
  expect(res.status, JSON.stringify(body)).toBe(status);
  return body;
}

/** Runs job `id` now and waits (real time, briefly) until its run is in the history as finished. */
async function runNow(fx: ApiFixture, id: string, runs: number): Promise<void> {
  expect((await fx.call(`/api/v1/jobs/${id}/run`, { method: 'POST' })).status).toBe(202);
  for (let i = 0; i < 200; i++) {
    const got = await json<{ runs: Run[] }>(await fx.call(`/api/v1/jobs/${id}/runs?status=success`));
    if (got.runs.length >= runs) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`run ${runs} of ${id} did not finish`);
}

function operations(backend: 'sqlite' | 'postgres') {
  describe('run now', () => {
    it('refuses a cancelled job with the reason and runs nothing', async () => {
      f = await startFixture({ backend });
      const made = await f.call('/api/v1/jobs', { method: 'POST', json: { name: 'c', schedule: 'manual', text: 'c', origin: ORIGIN } });
      const { id } = await json<{ id: string }>(made, 201);
      await runNow(f, id, 1);
      expect((await f.call(`/api/v1/jobs/${id}/cancel`, { method: 'POST' })).status).toBeLessThan(300);
      const res = await f.call(`/api/v1/jobs/${id}/run`, { method: 'POST' });
      const body = (await res.json()) as { detail?: string };
      expect(res.status).toBe(422);
      expect(body.detail).toContain('cancelled');
      const runs = await json<{ runs: Run[] }>(await f.call(`/api/v1/jobs/${id}/runs`));
      expect(runs.runs).toHaveLength(1);
    });
  });

  describe('run history', () => {
    it('per job and overall, filtered by status and start time, paged, with the run detail', async () => {
      f = await startFixture({ backend });
      const mk = async (name: string) =>
        (
          await json<{ id: string }>(
            await f!.call('/api/v1/jobs', { method: 'POST', json: { name, schedule: 'manual', text: name, origin: ORIGIN } }),
            201,
          )
        ).id;
      const a = await mk('a');
      const b = await mk('b');
      const t0 = f.clock.now().getTime();
      await runNow(f, a, 1);
      f.clock.advance(60_000);
      await runNow(f, b, 1);
      f.clock.advance(60_000);
      await runNow(f, a, 2);

      const all = await json<{ runs: Run[]; next?: string }>(await f.call('/api/v1/runs'));
      expect(all.runs.map((r) => r.jobId)).toEqual([a, b, a]);
      expect(all.next).toBeUndefined();
      expect(all.runs[0]).toMatchObject({ status: 'success', lateMs: 0, ghostSessionId: `ghost_scheduler_${a}` });
      expect(typeof all.runs[0]!.durationMs).toBe('number');
      expect((await json<{ runs: Run[] }>(await f.call(`/api/v1/jobs/${a}/runs`))).runs).toHaveLength(2);
      expect((await json<{ runs: Run[] }>(await f.call(`/api/v1/runs?job_id=${b}`))).runs.map((r) => r.jobId)).toEqual([b]);
      expect((await json<{ runs: Run[] }>(await f.call('/api/v1/runs?status=failure'))).runs).toEqual([]);

      const iso = (ms: number) => encodeURIComponent(new Date(ms).toISOString());
      const middle = await json<{ runs: Run[] }>(await f.call(`/api/v1/runs?from=${iso(t0 + 30_000)}&to=${iso(t0 + 90_000)}`));
      expect(middle.runs.map((r) => r.jobId)).toEqual([b]);
      expect((await json<{ runs: Run[] }>(await f.call(`/api/v1/jobs/${a}/runs?from=${iso(t0 + 30_000)}`))).runs).toHaveLength(1);

      const page1 = await json<{ runs: Run[]; next?: string }>(await f.call('/api/v1/runs?limit=2'));
      expect(page1.runs).toHaveLength(2);
      const page2 = await json<{ runs: Run[]; next?: string }>(await f.call(`/api/v1/runs?limit=2&cursor=${page1.next}`));
      expect([...page1.runs, ...page2.runs].map((r) => r.runId)).toEqual(all.runs.map((r) => r.runId));
      expect(page2.next).toBeUndefined();

      const detail = await json<Run & { job: { id: string; name: string } }>(await f.call(`/api/v1/runs/${all.runs[0]!.runId}`));
      expect(detail).toMatchObject({ ...all.runs[0], job: { id: a, name: 'a' } });
      // The task alias shows the same history.
      expect(((await json<Run[]>(await f.call(`/api/tasks/${a}/runs`))) as Run[]).map((r) => r.runId)).toEqual(
        all.runs.filter((r) => r.jobId === a).map((r) => r.runId),
      );
    });

    it('refuses a bad range, cursor or run id naming the parameter; an unknown run is 404', async () => {
      f = await startFixture({ backend });
      for (const [q, field] of [
        ['from=yesterday', 'query.from'],
        ['from=2026-11-23T00:00:00Z&to=2026-11-22T00:00:00Z', 'query.to'],
        ['cursor=abc', 'query.cursor'],
        ['status=fine', 'query.status'],
      ] as const) {
        const p = await json<{ errors: Array<{ field: string; fix?: string }> }>(await f.call(`/api/v1/runs?${q}`), 400);
        expect(
          p.errors.map((e) => e.field),
          q,
        ).toEqual([field]);
      }
      expect((await f.call('/api/v1/runs/not-a-run')).status).toBe(400);
      const missing = await json<{ type: string }>(await f.call('/api/v1/runs/000000000000-nojob-0000'), 404);
      expect(missing.type).toBe('/problems/not-found');
      expect((await f.call('/api/v1/jobs/nojob/runs')).status).toBe(404);
    });
  });

  describe('notes and CHIME_API_MEMORY (enforced by the notes store)', () => {
    const path = '/api/v1/notes/telegram/42';

    it('none (the default): reading and writing are refused with the setting to change, and nothing is written', async () => {
      f = await startFixture({ backend });
      for (const res of [
        await f.call(path),
        await f.call(path, { method: 'POST', json: { text: 'x' } }),
        await f.call(`${path}/1`, { method: 'DELETE' }),
      ]) {
        const p = await json<{ type: string; detail: string }>(res, 403);
        expect(p.type).toBe('/problems/memory-denied');
        expect(p.detail).toContain('CHIME_API_MEMORY=');
      }
      // As the person themself (HUMAN), the store shows nothing was written.
      const notes = f.app.store.notes;
      expect(await runWithContext(humanContext('tg_42'), () => notes.list('telegram', '42'))).toEqual([]);
    });

    it("read: lists a person's notes, never writes", async () => {
      f = await startFixture({ backend, memory: 'read' });
      expect(await json(await f.call(path))).toEqual({ notes: [] });
      const p = await json<{ detail: string }>(await f.call(path, { method: 'POST', json: { text: 'x' } }), 403);
      expect(p.detail).toContain('CHIME_API_MEMORY=readwrite');
      expect(await json(await f.call(path))).toEqual({ notes: [] });
    });

    it('readwrite: adds, lists and deletes by number; a bad body or number is refused; the read-only token may not write', async () => {
      f = await startFixture({ backend, memory: 'readwrite' });
      expect(await json(await f.call(path, { method: 'POST', json: { text: 'likes tea' } }), 201)).toEqual({ n: 1 });
      expect(await json(await f.call(path, { method: 'POST', json: { text: 'hates mondays' } }), 201)).toEqual({ n: 2 });
      const listed = await json<{ notes: Array<{ n: number; text: string }> }>(await f.call(path));
      expect(listed.notes.map((n) => [n.n, n.text])).toEqual([
        [1, 'likes tea'],
        [2, 'hates mondays'],
      ]);
      const bad = await json<{ errors: Array<{ field: string }> }>(await f.call(path, { method: 'POST', json: { text: '' } }), 400);
      expect(bad.errors[0]!.field).toBe('body.text');
      expect((await f.call(path, { method: 'POST', json: { text: 'x' }, token: READONLY })).status).toBe(403);
      expect((await f.call(`${path}/0`, { method: 'DELETE' })).status).toBe(400);
      expect((await f.call(`${path}/9`, { method: 'DELETE' })).status).toBe(404);
      expect((await f.call(`${path}/1`, { method: 'DELETE' })).status).toBe(204);
      expect((await json<{ notes: Array<{ text: string }> }>(await f.call(path))).notes.map((n) => n.text)).toEqual(['hates mondays']);
    });
  });

  describe('operations', () => {
    it('/readyz: ready with the store and every adapter connected; 503 naming the one that is not', async () => {
      let connected = true;
      const adapter: Adapter = {
        platform: 'fakechat',
        sender: { platform: 'fakechat', send: async () => ({ ref: '1' }) } as unknown as Adapter['sender'],
        start: async () => undefined,
        stop: async () => undefined,
        connected: () => connected,
      };
      f = await startFixture({ backend, adapters: [adapter] });
      const before = await json<{ checks: Record<string, boolean> }>(await f.call('/readyz', { token: null }), 503);
      expect(before.checks).toEqual({ store: true, adapter_fakechat: false });
      await f.app.start();
      expect(await json(await f.call('/readyz', { token: null }))).toEqual({
        status: 'ready',
        checks: { store: true, adapter_fakechat: true },
      });
      connected = false;
      expect((await json<{ checks: Record<string, boolean> }>(await f.call('/readyz', { token: null }), 503)).checks.adapter_fakechat).toBe(
        false,
      );
    });

    it('/metrics: jobs by status and kind, the outbox by platform and its oldest waiting age, event-loop lag', async () => {
      f = await startFixture({ backend });
      await f.call('/api/v1/jobs', { method: 'POST', json: { schedule: 'manual', text: 'x', origin: ORIGIN } });
      await f.app.store.jobs.enqueueOutbox(
        [{ key: 'k1', jobId: null, to: { platform: 'telegram', chatId: '42' }, text: 'hi' }],
        f.clock.now(),
      );
      f.clock.advance(90_000);
      const text = await (await f.call('/metrics')).text();
      expect(text).toContain('chime_jobs_by_kind{status="active",kind="reminder"} 1');
      expect(text).toContain('chime_outbox_by_platform{platform="telegram",status="pending"} 1');
      expect(text).toContain('chime_outbox_failed_attempts{platform="telegram"} 0');
      expect(text).toContain('chime_outbox_oldest_unsent_age_seconds 90');
      expect(text).toMatch(/chime_nodejs_eventloop_lag_p99_seconds \d/);
    });
  });
}

describe('operations API on SQLite', () => operations('sqlite'));
describePg('operations API on PostgreSQL', () => operations('postgres'));
