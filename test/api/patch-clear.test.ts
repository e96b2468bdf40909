/**
 * PATCH clears what it is asked to clear: `"name": null` puts back the default name (the
 * reminder text, as on create), an origin without `threadId` leaves the thread.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type ApiFixture, ORIGIN, startFixture } from './api-harness.js';

let f: ApiFixture;
beforeEach(async () => {
  f = await startFixture();
});
afterEach(async () => {
  await f.close();
});

it('"name": null gives the job its default name back; an origin without threadId drops the thread', async () => {
  const res = await f.call('/api/v1/jobs', {
    method: 'POST',
    json: { when: 'every day at 9am', text: 'water the plants', name: 'plants', origin: { ...ORIGIN, threadId: '7' } },
  });
  const job = (await res.json()) as { id: string };
  const upd = await f.call(`/api/v1/jobs/${job.id}`, { method: 'PATCH', json: { name: null, origin: ORIGIN } });
  expect(upd.status).toBe(200);
  expect(await upd.json()).toMatchObject({ name: 'water the plants', origin: ORIGIN });
  const got = (await (await f.call(`/api/v1/jobs/${job.id}`)).json()) as { name: string; origin: Record<string, string> };
  expect(got.name).toBe('water the plants');
  expect(got.origin).toEqual(ORIGIN);
});

it('an empty name is still refused, with the way to clear it', async () => {
  const job = (await (
    await f.call('/api/v1/jobs', { method: 'POST', json: { when: 'every day at 9am', text: 'tea', name: 'x', origin: ORIGIN } })
  ).json()) as {
    id: string;
  };
  const upd = await f.call(`/api/v1/jobs/${job.id}`, { method: 'PATCH', json: { name: '  ' } });
  expect(upd.status).toBe(400);
  expect(JSON.stringify(await upd.json())).toContain('null');
  expect(((await (await f.call(`/api/v1/jobs/${job.id}`)).json()) as { name: string }).name).toBe('x');
});
