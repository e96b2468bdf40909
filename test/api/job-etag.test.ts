/**
 * Optimistic concurrency on a job over real HTTP: GET gives an ETag; PATCH and DELETE with an
 * If-Match that is no longer the job's version change nothing and answer 412 with the job as
 * it is now; a matching one (or none, or *) applies.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
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
