/**
 * A zone given to the API is stored and answered in its one canonical spelling (the runtime's
 * Intl id), however it was typed: "europe/london" is Europe/London on create, update and parse.
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

const intlZone = (z: string) => new Intl.DateTimeFormat(undefined, { timeZone: z }).resolvedOptions().timeZone;

it('POST and PATCH store the canonical id of a zone typed in lower case or as an old alias', async () => {
  expect(intlZone('europe/london')).toBe('Europe/London');
  expect(intlZone('us/eastern')).toBe('America/New_York');
  const res = await f.call('/api/v1/jobs', {
    method: 'POST',
    json: { when: 'every day at 9am', text: 'tea', origin: ORIGIN, zone: 'europe/london' },
  });
  expect(res.status).toBe(201);
  const job = (await res.json()) as { id: string; timeZone: string; nextRuns: Array<{ local: string }> };
  expect(job.timeZone).toBe('Europe/London');
  // 9:00 in London in November is 09:00 UTC (GMT).
  expect(job.nextRuns[0]?.local).toBe('2026-11-23T09:00:00+00:00');
  const got = (await (await f.call(`/api/v1/jobs/${job.id}`)).json()) as { timeZone: string };
  expect(got.timeZone).toBe('Europe/London');
  const upd = await f.call(`/api/v1/jobs/${job.id}`, { method: 'PATCH', json: { zone: 'us/eastern' } });
  expect(upd.status).toBe(200);
  expect(((await upd.json()) as { timeZone: string }).timeZone).toBe('America/New_York');
  const list = (await (await f.call('/api/v1/jobs')).json()) as { jobs: Array<{ timeZone: string }> };
  expect(list.jobs.map((j) => j.timeZone)).toEqual(['America/New_York']);
});

it('POST /api/v1/parse answers the canonical zone', async () => {
  const res = await f.call('/api/v1/parse', { method: 'POST', json: { text: 'tomorrow at 9am tea', zone: 'europe/london' } });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ ok: true, timeZone: 'Europe/London' });
});

it('a zone that is none, or EST, is still refused and nothing is stored', async () => {
  for (const zone of ['europe/londn', 'EST']) {
    const res = await f.call('/api/v1/jobs', { method: 'POST', json: { when: 'every day at 9am', text: 'tea', origin: ORIGIN, zone } });
    expect(res.status).toBe(400);
  }
  const list = (await (await f.call('/api/v1/jobs')).json()) as { jobs: unknown[] };
  expect(list.jobs).toEqual([]);
});
