/**
 * POST /api/v1/parse with `jobId` answers what PATCH /api/v1/jobs/{id} {when} would store for
 * that job (the dashboard editor's preview of an edit): a day without a time keeps the job's time,
 * what PATCH refuses is refused with the same words, and an unknown job is a 404. Expected
 * instants from Intl (civil-calendar.ts), not from the code under test; the fixture's now is
 * Sun 22 Nov 2026 10:00Z.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, instantOf, wallOf } from '../chat/civil-calendar.js';
import { type ApiFixture, ORIGIN, startFixture } from './api-harness.js';

type Reading =
  | { ok: true; spec: string; timeZone: string; next: Array<{ at: string; local: string }> }
  | { ok: false; error: string; example?: string; code?: string };

const ZONE = 'Europe/Berlin';
const NOW = new Date('2026-11-22T10:00:00Z');

/** The first Friday after `NOW` in Berlin, at 17:00 there. */
function nextFridayAt17(): Date {
  const today = wallOf(NOW, ZONE);
  let day = addDays({ y: today.y, m: today.m, d: today.d }, 1);
  while (day.wd !== 5) day = addDays(day, 1);
  return instantOf(day, 17, 0, ZONE);
}

describe('POST /api/v1/parse with jobId reads the text as an edit of that job, as PATCH does', () => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await startFixture({ backend: 'sqlite' });
  });
  afterEach(async () => {
    await f.close();
  });

  const create = async (when: string, text: string): Promise<{ id: string }> => {
    const res = await f.call('/api/v1/jobs', { method: 'POST', json: { when, text, origin: ORIGIN, zone: ZONE } });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string };
  };
  const parse = async (json: Record<string, unknown>): Promise<{ status: number; body: Reading }> => {
    const res = await f.call('/api/v1/parse', { method: 'POST', json });
    return { status: res.status, body: (await res.json()) as Reading };
  };
  const patch = (id: string, when: string) => f.call(`/api/v1/jobs/${id}`, { method: 'PATCH', json: { when } });

  it('"friday" for a 17:00 reminder reads as Friday 17:00, what the PATCH then stores (not the default 09:00)', async () => {
    const job = await create('on tuesday at 5pm', 'call the vet');
    const expected = nextFridayAt17().toISOString();
    const { status, body } = await parse({ text: 'friday', jobId: job.id });
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    if (!body.ok) return;
    expect(body.next[0]?.at).toBe(expected);
    // Nothing was changed by reading it; the PATCH stores the same instant.
    const res = await patch(job.id, 'friday');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { nextRunAt: string }).nextRunAt).toBe(expected);
  });

  it('without jobId "friday" still reads as a new reminder (09:00)', async () => {
    const { body } = await parse({ text: 'friday', zone: ZONE });
    expect(body.ok).toBe(true);
    if (body.ok) expect(body.next[0]?.local.slice(11, 16)).toBe('09:00');
  });

  it.each([
    ['every 2 hours', 'every day'],
    ['every weekday at 9', 'tomorrow at 10'],
  ])('what PATCH refuses for "%s" given "%s" is refused with the same reason and a `when` that works', async (when, edit) => {
    const job = await create(when, 'drink water');
    const { status, body } = await parse({ text: edit, jobId: job.id });
    expect(status).toBe(200);
    const res = await patch(job.id, edit);
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { detail: string; code: string; example: string };
    expect(body).toEqual({
      ok: false,
      error: problem.detail,
      code: problem.code,
      example: (JSON.parse(problem.example) as { when: string }).when,
    });
  });

  it('an unknown jobId is a 404, as PATCH of that id is', async () => {
    const res = await f.call('/api/v1/parse', { method: 'POST', json: { text: 'friday', jobId: 'nosuch' } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { detail: string }).detail).toContain('nosuch');
  });
});
