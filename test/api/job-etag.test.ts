/**
 * Optimistic concurrency on a job over real HTTP: GET gives an ETag; PATCH, DELETE, pause,
 * resume and cancel with an If-Match that is no longer the job's version change nothing and
 * answer 412 with the job as it is now; a matching one (or none, or *) applies. It holds when
 * the change lands between the route's read and its write (the store checks on the locked row).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { JobStore } from '../../src/core/ports/job-store.js';
import { openStore } from '../../src/store/open-store.js';
import { type ApiFixture, ORIGIN, startFixture } from './api-harness.js';

let f: ApiFixture;
let id: string;
beforeEach(async () => {
  f = await startFixture();
  const res = await f.call('/api/v1/jobs', {
    method: 'POST',
    json: { when: 'every day at 9am', text: 'tea', name: 'tea', origin: ORIGIN },
  });
  id = ((await res.json()) as { id: string }).id;
});
afterEach(async () => {
  await f.close();
});

const etagOf = async (): Promise<string> => {
  const res = await f.call(`/api/v1/jobs/${id}`);
  const tag = res.headers.get('etag');
  expect(tag).toMatch(/^"[^"]+"$/);
  return tag!;
};
const patch = (json: unknown, ifMatch?: string) =>
  f.call(`/api/v1/jobs/${id}`, { method: 'PATCH', json, ...(ifMatch ? { headers: { 'if-match': ifMatch } } : {}) });

it('two editors from one ETag: the first save applies, the second is refused with 412 and the job as it is now', async () => {
  const tag = await etagOf();
  expect(await etagOf()).toBe(tag);
  const first = await patch({ name: 'green tea' }, tag);
  expect(first.status).toBe(200);
  const newTag = first.headers.get('etag');
  expect(newTag).not.toBe(tag);
  expect(await etagOf()).toBe(newTag);

  const second = await patch({ name: 'black tea' }, tag);
  expect(second.status).toBe(412);
  expect(second.headers.get('etag')).toBe(newTag);
  const problem = (await second.json()) as { type: string; detail: string; job: { name: string } };
  expect(problem.type).toBe('/problems/precondition-failed');
  expect(problem.job.name).toBe('green tea');
  expect(((await (await f.call(`/api/v1/jobs/${id}`)).json()) as { name: string }).name).toBe('green tea');

  // With the new ETag, or without If-Match, or with *, the change applies.
  expect((await patch({ name: 'black tea' }, newTag!)).status).toBe(200);
  expect((await patch({ name: 'oolong' })).status).toBe(200);
  expect((await patch({ name: 'sencha' }, '*')).status).toBe(200);
});

it('a pause from elsewhere changes the version; DELETE with the old ETag is refused and deletes nothing', async () => {
  const tag = await etagOf();
  expect((await f.call(`/api/v1/jobs/${id}/pause`, { method: 'POST' })).status).toBe(200);
  const refused = await f.call(`/api/v1/jobs/${id}`, { method: 'DELETE', headers: { 'if-match': tag } });
  expect(refused.status).toBe(412);
  expect(((await refused.json()) as { job: { status: string } }).job.status).toBe('paused');
  expect((await f.call(`/api/v1/jobs/${id}`)).status).toBe(200);
  const deleted = await f.call(`/api/v1/jobs/${id}`, { method: 'DELETE', headers: { 'if-match': await etagOf() } });
  expect(deleted.status).toBe(204);
});

it('the version does not move when the job only runs: a recurring job that fired still matches', async () => {
  const tag = await etagOf();
  expect((await f.call(`/api/v1/jobs/${id}/run`, { method: 'POST' })).status).toBe(202);
  await expect.poll(async () => ((await (await f.call(`/api/v1/jobs/${id}/runs`)).json()) as { runs: unknown[] }).runs.length).toBe(1);
  expect((await patch({ name: 'after the run' }, tag)).status).toBe(200);
});

describe('a change committed between the route reading the job and writing it is not overwritten', () => {
  /**
   * Another process (the CLI, a second instance) commits `change` to the job at the last moment:
   * after every read of the request, just before its write reaches the store.
   */
  async function raceBeforeWrite(method: 'updateJob' | 'deleteJob', change: Parameters<JobStore['updateJob']>[1]): Promise<void> {
    const store = f.app.store.jobs;
    const write = store[method].bind(store) as (...args: unknown[]) => unknown;
    const other = await openStore(loadConfig({ CHIME_DB: f.dbPath, CHIME_TZ: 'Europe/Berlin' }), f.clock);
    vi.spyOn(store, method).mockImplementationOnce((async (...args: unknown[]) => {
      try {
        await other.jobs.updateJob(id, change, f.clock.now());
      } finally {
        await other.close();
      }
      return write(...args);
    }) as never);
  }
  const current = async () => (await (await f.call(`/api/v1/jobs/${id}`)).json()) as { name: string; status: string };

  it('PATCH with If-Match: 412 with the other change, which is kept', async () => {
    const tag = await etagOf();
    await raceBeforeWrite('updateJob', { name: 'renamed by the CLI' });
    const res = await patch({ name: 'my edit' }, tag);
    expect(res.status).toBe(412);
    expect(((await res.json()) as { job: { name: string } }).job.name).toBe('renamed by the CLI');
    expect(res.headers.get('etag')).toBe(await etagOf());
    expect((await current()).name).toBe('renamed by the CLI');
  });

  it('DELETE with If-Match: 412, and the job the other process paused is still there', async () => {
    const tag = await etagOf();
    await raceBeforeWrite('deleteJob', { status: 'paused' });
    const res = await f.call(`/api/v1/jobs/${id}`, { method: 'DELETE', headers: { 'if-match': tag } });
    expect(res.status).toBe(412);
    expect(((await res.json()) as { job: { status: string } }).job.status).toBe('paused');
    expect((await current()).status).toBe('paused');
  });

  it('pause with If-Match: 412, and the other change is kept', async () => {
    const tag = await etagOf();
    await raceBeforeWrite('updateJob', { name: 'renamed by the CLI' });
    const res = await f.call(`/api/v1/jobs/${id}/pause`, { method: 'POST', headers: { 'if-match': tag } });
    expect(res.status).toBe(412);
    expect(await current()).toMatchObject({ name: 'renamed by the CLI', status: 'active' });
  });
});

it('pause, resume and cancel honour If-Match: an old version is refused with 412 and nothing changes; the current one applies', async () => {
  const old = await etagOf();
  expect((await patch({ name: 'green tea' })).status).toBe(200);
  for (const action of ['pause', 'resume', 'cancel']) {
    const refused = await f.call(`/api/v1/jobs/${id}/${action}`, { method: 'POST', headers: { 'if-match': old } });
    expect(refused.status).toBe(412);
    expect(((await refused.json()) as { type: string }).type).toBe('/problems/precondition-failed');
  }
  expect(((await (await f.call(`/api/v1/jobs/${id}`)).json()) as { status: string }).status).toBe('active');
  for (const [action, status] of [
    ['pause', 'paused'],
    ['resume', 'active'],
    ['cancel', 'cancelled'],
  ]) {
    const res = await f.call(`/api/v1/jobs/${id}/${action}`, { method: 'POST', headers: { 'if-match': await etagOf() } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe(status);
    expect(res.headers.get('etag')).toBe(await etagOf());
  }
});

it("every job in a list carries its version (`etag`, the ETag its GET answers), so a list's client can change the job as listed", async () => {
  const listed = async (): Promise<string> => {
    const page = (await (await f.call('/api/v1/jobs')).json()) as { jobs: Array<{ id: string; etag: string }> };
    return page.jobs.find((j) => j.id === id)!.etag;
  };
  const tag = await listed();
  expect(tag).toBe(await etagOf());
  expect(((await (await f.call(`/api/v1/jobs/${id}`)).json()) as { etag: string }).etag).toBe(tag);
  // Renamed elsewhere: the list's old version is refused, and the 412's job has the new one.
  expect((await patch({ name: 'green tea' })).status).toBe(200);
  const refused = await f.call(`/api/v1/jobs/${id}/pause`, { method: 'POST', headers: { 'if-match': tag } });
  expect(refused.status).toBe(412);
  const now = ((await refused.json()) as { job: { etag: string } }).job.etag;
  expect(now).toBe(await listed());
  expect(now).toBe(refused.headers.get('etag'));
  expect((await f.call(`/api/v1/jobs/${id}/pause`, { method: 'POST', headers: { 'if-match': now } })).status).toBe(200);
});
