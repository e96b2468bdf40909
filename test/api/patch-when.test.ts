/**
 * PATCH `when` follows the chat's /edit rule (nl/edit-when.ts) through the real server: a clock
 * time alone keeps a one-off's day and a repeat's days; another single time for a repeating job
 * is refused (422) and changes nothing. Expected times worked out from the calendar: the fixture's
 * now is Sun 22 Nov 2026 10:00Z (11:00 in Berlin, CET = UTC+1 all of late November).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApiFixture, ORIGIN, startFixture } from './api-harness.js';

type JobView = { id: string; recurring: boolean; nextRunLocal: string; nextRuns: Array<{ local: string }>; scheduleSpec: string };

describe('PATCH /api/v1/jobs/:id with `when` edits the timing as /edit does', () => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await startFixture({ backend: 'sqlite' });
  });
  afterEach(async () => {
    await f.close();
  });

  const create = async (when: string, text: string): Promise<JobView> => {
    const res = await f.call('/api/v1/jobs', { method: 'POST', json: { when, text, origin: ORIGIN } });
    expect(res.status).toBe(201);
    return (await res.json()) as JobView;
  };
  const patch = (id: string, json: Record<string, unknown>) => f.call(`/api/v1/jobs/${id}`, { method: 'PATCH', json });

  it('"at 15:00" on a one-off due Tuesday keeps Tuesday (not today at 15:00)', async () => {
    const job = await create('on tuesday at 9', 'call the vet');
    expect(job.nextRunLocal).toBe('2026-11-24T09:00:00+01:00');
    const res = await patch(job.id, { when: 'at 15:00' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ recurring: false, nextRunLocal: '2026-11-24T15:00:00+01:00' });
  });

  it('"at 9:30" on "every weekday at 9" keeps the weekdays at the new time', async () => {
    const job = await create('every weekday at 9', 'standup');
    const res = await patch(job.id, { when: 'at 9:30' });
    expect(res.status).toBe(200);
    const after = (await res.json()) as JobView;
    expect(after.recurring).toBe(true);
    // Mon 23 … Fri 27 Nov, then Mon 30 Nov: the weekend skipped.
    expect(after.nextRuns.map((n) => n.local)).toEqual([
      '2026-11-23T09:30:00+01:00',
      '2026-11-24T09:30:00+01:00',
      '2026-11-25T09:30:00+01:00',
      '2026-11-26T09:30:00+01:00',
      '2026-11-27T09:30:00+01:00',
    ]);
  });

  it('another single time for a repeating job is refused with a `when` that works, and nothing changes', async () => {
    const job = await create('every weekday at 9', 'standup');
    const before = await (await f.call(`/api/v1/jobs/${job.id}`)).json();
    const res = await patch(job.id, { when: 'tomorrow at 10', name: 'renamed' });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { detail: string; example: string };
    expect(problem.detail).toContain('would end the repeat');
    expect(JSON.parse(problem.example)).toEqual({ when: 'at 9:30' });
    expect(await (await f.call(`/api/v1/jobs/${job.id}`)).json()).toEqual(before);
    // The example itself works.
    expect((await patch(job.id, JSON.parse(problem.example))).status).toBe(200);
  });
});
