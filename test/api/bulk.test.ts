/** Bulk pause/resume by filter and cancelling a workflow, over real HTTP. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApiFixture, ORIGIN, READONLY, startFixture } from './api-harness.js';

let f: ApiFixture;
beforeEach(async () => {
  f = await startFixture();
  for (const [name, workflowId, platform] of [
    ['a', 'w1', 'telegram'],
    ['b', 'w1', 'telegram'],
    ['c', 'w2', 'discord'],
  ] as const) {
    const res = await f.call('/api/v1/jobs', {
      method: 'POST',
      json: { name, when: 'every day at 9am', text: name, workflowId, origin: { ...ORIGIN, platform } },
    });
    expect(res.status).toBe(201);
  }
});
afterEach(async () => {
  await f.close();
});

const statuses = async (): Promise<Record<string, string>> =>
  Object.fromEntries(
    ((await (await f.call('/api/v1/jobs')).json()) as { jobs: Array<{ name: string; status: string }> }).jobs.map((j) => [
      j.name,
      j.status,
    ]),
  );

describe('bulk actions', () => {
  it('pauses and resumes the jobs a filter names, and only those', async () => {
    const paused = await f.call('/api/v1/bulk/pause', { method: 'POST', json: { workflow: 'w1' } });
    expect(paused.status).toBe(200);
    expect(((await paused.json()) as { ids: string[] }).ids).toHaveLength(2);
    expect(await statuses()).toEqual({ a: 'paused', b: 'paused', c: 'active' });
    const resumed = await f.call('/api/v1/bulk/resume', { method: 'POST', json: { platform: 'telegram' } });
    expect(((await resumed.json()) as { ids: string[] }).ids).toHaveLength(2);
    expect(await statuses()).toEqual({ a: 'active', b: 'active', c: 'active' });
  });

  it('ids the action does not take are named with their status, beside the ids it changed', async () => {
    const jobs = ((await (await f.call('/api/v1/jobs')).json()) as { jobs: Array<{ id: string; name: string }> }).jobs;
    const id = (name: string) => jobs.find((j) => j.name === name)!.id;
    expect((await f.call(`/api/v1/jobs/${id('b')}/cancel`, { method: 'POST' })).status).toBe(200);
    expect((await f.call(`/api/v1/jobs/${id('c')}/pause`, { method: 'POST' })).status).toBe(200);
    const res = await f.call('/api/v1/bulk/pause', { method: 'POST', json: { ids: [id('a'), id('b'), id('c'), id('a')] } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ids: [id('a')],
      unchanged: [
        { id: id('b'), status: 'cancelled' },
        { id: id('c'), status: 'paused' },
      ],
      unchangedCount: 2,
    });
    expect(await statuses()).toEqual({ a: 'paused', b: 'cancelled', c: 'paused' });
    expect(await (await f.call('/api/v1/bulk/resume', { method: 'POST', json: { workflow: 'w2' } })).json()).toEqual({
      ids: [id('c')],
      unchanged: [],
      unchangedCount: 0,
    });
  });

  it('by filter, the answer has the same shape: every matching job the action did not take, with its status', async () => {
    const jobs = ((await (await f.call('/api/v1/jobs')).json()) as { jobs: Array<{ id: string; name: string }> }).jobs;
    const id = (name: string) => jobs.find((j) => j.name === name)!.id;
    expect((await f.call(`/api/v1/jobs/${id('b')}/cancel`, { method: 'POST' })).status).toBe(200);
    const paused = await f.call('/api/v1/bulk/pause', { method: 'POST', json: { workflow: 'w1' } });
    expect(await paused.json()).toEqual({ ids: [id('a')], unchanged: [{ id: id('b'), status: 'cancelled' }], unchangedCount: 1 });
    const resumed = await f.call('/api/v1/bulk/resume', { method: 'POST', json: { all: true } });
    expect(await resumed.json()).toEqual({
      ids: [id('a')],
      unchanged: [
        { id: id('b'), status: 'cancelled' },
        { id: id('c'), status: 'active' },
      ],
      unchangedCount: 2,
    });
  });

  it('an empty filter is refused unless all:true says so', async () => {
    const res = await f.call('/api/v1/bulk/pause', { method: 'POST', json: {} });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Array<{ fix?: string }> }).errors[0]?.fix).toContain('"all":true');
    expect(await statuses()).toEqual({ a: 'active', b: 'active', c: 'active' });
    await f.call('/api/v1/bulk/pause', { method: 'POST', json: { all: true } });
    expect(await statuses()).toEqual({ a: 'paused', b: 'paused', c: 'paused' });
  });

  it('cancels a workflow; the read-only token may not', async () => {
    expect((await f.call('/api/v1/workflows/w1/cancel', { method: 'POST', token: READONLY })).status).toBe(403);
    const res = await f.call('/api/v1/workflows/w1/cancel', { method: 'POST' });
    expect(((await res.json()) as { ids: string[] }).ids).toHaveLength(2);
    expect(await statuses()).toEqual({ a: 'cancelled', b: 'cancelled', c: 'active' });
  });
});
