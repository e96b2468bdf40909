/**
 * Every class of refusal, over real HTTP, on SQLite and on PostgreSQL: each is an RFC 9457
 * problem with its own type, says how to fix the request, and changes nothing (the store is
 * read back after each). Also the task-scheduler aliases on both stores.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describePg } from '../store/pg-harness.js';
import { type ApiFixture, ORIGIN, READONLY, startFixture } from './api-harness.js';

type Problem = { type: string; status: number; detail: string; errors?: Array<{ field: string; message: string; fix?: string }> };

function matrix(backend: 'sqlite' | 'postgres') {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await startFixture({ backend });
  });
  afterEach(async () => {
    await f.close();
  });

  const problem = async (res: Response, status: number, type: string): Promise<Problem> => {
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const p = (await res.json()) as Problem;
    expect([res.status, p.type], JSON.stringify(p)).toEqual([status, `/problems/${type}`]);
    return p;
  };
  const jobCount = async () => f.app.store.jobs.countJobs({});
  const create = async (name: string) =>
    (
      (await (await f.call('/api/v1/jobs', { method: 'POST', json: { name, schedule: 'manual', text: name, origin: ORIGIN } })).json()) as {
        id: string;
      }
    ).id;

  it('400 malformed JSON and 413 a body over the limit; nothing created', async () => {
    const headers = { 'content-type': 'application/json' };
    await problem(await f.call('/api/v1/jobs', { method: 'POST', headers, body: '{"when":' }), 400, 'bad-json');
    const big = JSON.stringify({ when: 'tomorrow at 9', text: 'x'.repeat(70 * 1024), origin: ORIGIN });
    await problem(await f.call('/api/v1/jobs', { method: 'POST', headers, body: big }), 413, 'body-too-large');
    expect(await jobCount()).toBe(0);
  });

  it('400 validation names each field, what is wrong and the fix; nothing created or changed', async () => {
    const p = await problem(
      await f.call('/api/v1/jobs', { method: 'POST', json: { when: 'every day at 9am', command: 'list' } }),
      400,
      'validation',
    );
    expect(p.errors?.map((e) => e.field).sort()).toEqual(['body.command', 'body.origin']);
    expect(p.errors?.find((e) => e.field === 'body.command')?.fix).toContain('/list');
    const id = await create('keep');
    const bad = await problem(await f.call(`/api/v1/jobs/${id}`, { method: 'PATCH', json: { timeoutMs: 5 } }), 400, 'validation');
    expect(bad.errors?.[0]?.field).toBe('body.timeoutMs');
    const sort = await problem(await f.call('/api/v1/jobs?sort=colour'), 400, 'validation');
    expect(sort.errors?.[0]).toMatchObject({ field: 'query.sort', fix: 'e.g. sort=-next_run' });
    // A schedule the engine cannot read names the field and shows patterns that work.
    const cron = await problem(
      await f.call(`/api/v1/jobs/${id}`, { method: 'PATCH', json: { schedule: 'cron:99 99 * * *' } }),
      400,
      'validation',
    );
    expect(cron.errors?.[0]).toMatchObject({ field: 'body.schedule', fix: expect.stringContaining('0 9 * * 1-5') });
    expect((await f.app.scheduler.getJob(id))?.schedule).toEqual({ kind: 'manual' });
    expect(await jobCount()).toBe(1);
  });

  it('404 for an unknown id on every job, run and task route', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/jobs/nojob'],
      ['PATCH', '/api/v1/jobs/nojob'],
      ['DELETE', '/api/v1/jobs/nojob'],
      ['POST', '/api/v1/jobs/nojob/pause'],
      ['POST', '/api/v1/jobs/nojob/resume'],
      ['POST', '/api/v1/jobs/nojob/cancel'],
      ['POST', '/api/v1/jobs/nojob/run'],
      ['GET', '/api/v1/jobs/nojob/runs'],
      ['GET', '/api/v1/runs/000000000000-nojob-0000'],
      ['GET', '/api/tasks/nojob/schedule'],
      ['DELETE', '/api/tasks/nojob/schedule'],
      ['GET', '/api/tasks/nojob/runs'],
    ] as const) {
      const res = await f.call(path, { method, ...(method === 'PATCH' ? { json: { name: 'x' } } : {}) });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
  });

  it('401 without a token or with a wrong one; 403 for the read-only token on every kind of change; nothing changed', async () => {
    const id = await create('mine');
    await problem(await f.call('/api/v1/jobs', { token: null }), 401, 'unauthorized');
    await problem(await f.call('/api/v1/jobs', { token: 'wrong-token-0123456789' }), 401, 'unauthorized');
    for (const [method, path, json] of [
      ['POST', '/api/v1/jobs', { schedule: 'manual', text: 'x', origin: ORIGIN }],
      ['PATCH', `/api/v1/jobs/${id}`, { name: 'theirs' }],
      ['DELETE', `/api/v1/jobs/${id}`, undefined],
      ['POST', `/api/v1/jobs/${id}/pause`, undefined],
      ['POST', '/api/v1/bulk/pause', { all: true }],
      ['POST', `/api/tasks/${id}/schedule`, { schedule: 'every 1h' }],
    ] as const) {
      await problem(await f.call(path, { method, token: READONLY, ...(json ? { json } : {}) }), 403, 'read-only');
    }
    expect(await f.app.scheduler.getJob(id)).toMatchObject({ name: 'mine', status: 'active' });
    expect(await jobCount()).toBe(1);
    expect((await f.call(`/api/v1/jobs/${id}`, { token: READONLY })).status).toBe(200);
  });

  it('429 after repeated wrong tokens, with Retry-After, even for the right token', async () => {
    for (let i = 0; i < 10; i++) expect((await f.call('/api/v1/jobs', { token: `wrong-${i}-0123456789abcdef` })).status).toBe(401);
    const res = await f.call('/api/v1/jobs');
    await problem(res, 429, 'too-many-failures');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    f.clock.advance(61_000);
    expect((await f.call('/api/v1/jobs')).status).toBe(200);
  });

  it('a bulk action naming one unknown id changes none of the jobs', async () => {
    const a = await create('a');
    const b = await create('b');
    const p = await problem(await f.call('/api/v1/bulk/pause', { method: 'POST', json: { ids: [a, 'nojob', b] } }), 404, 'not-found');
    expect(p.detail).toContain('nojob');
    expect((await f.app.scheduler.getJob(a))?.status).toBe('active');
    expect((await f.app.scheduler.getJob(b))?.status).toBe('active');
    const ok = (await (await f.call('/api/v1/bulk/pause', { method: 'POST', json: { ids: [a, b] } })).json()) as { ids: string[] };
    expect(ok.ids.sort()).toEqual([a, b].sort());
  });

  it('the task-scheduler aliases: schedule, read, runs, cancel a task; list schedules and scheduled events', async () => {
    const created = await f.call('/api/tasks/report/schedule', {
      method: 'POST',
      json: { schedule: 'cron:30 2 * * *', text: 'nightly report', origin: ORIGIN },
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ task_id: 'report', schedule: 'cron:30 2 * * *', recurring: true, status: 'active' });
    const again = await f.call('/api/tasks/report/schedule', { method: 'POST', json: { schedule: 'every 1h' } });
    expect(((await again.json()) as { schedule: string }).schedule).toMatch(/^every:1h/);
    const read = (await (await f.call('/api/tasks/report/schedule')).json()) as { next_run_times: string[] };
    expect(read.next_run_times.length).toBeGreaterThan(0);
    expect(await (await f.call('/api/tasks/report/runs')).json()).toEqual([]);
    const schedules = (await (await f.call('/api/schedules')).json()) as Array<{ task_id: string }>;
    expect(schedules.map((s) => s.task_id)).toEqual(['report']);
    const events = (await (await f.call('/api/v1/scheduler/events?recurring=true')).json()) as { events: Array<{ id: string }> };
    expect(events.events.map((e) => e.id)).toEqual(['report']);
    expect(((await (await f.call('/api/tasks/report/schedule', { method: 'DELETE' })).json()) as { status: string }).status).toBe(
      'cancelled',
    );
    expect(await (await f.call('/api/schedules')).json()).toEqual([]);
  });
}

describe('refusals and aliases on SQLite', () => matrix('sqlite'));
describePg('refusals and aliases on PostgreSQL', () => matrix('postgres'));
