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

  it('"sunday" said on Sunday for a 17:00 job is asked (today 17:00, or Sun 29 Nov 17:00?), 422, and its example sets today', async () => {
    const job = await create('tomorrow at 5pm', 'call the vet');
    const before = await (await f.call(`/api/v1/jobs/${job.id}`)).json();
    const res = await patch(job.id, { when: 'sunday' });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { detail: string; example: string };
    expect(problem.detail).toContain('Sun 29 Nov 17:00');
    expect(problem.detail).toContain('"today at 5pm"');
    expect(problem.detail).not.toContain('09:00');
    expect(await (await f.call(`/api/v1/jobs/${job.id}`)).json()).toEqual(before);
    const answer = await patch(job.id, JSON.parse(problem.example) as Record<string, unknown>);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ recurring: false, nextRunLocal: '2026-11-22T17:00:00+01:00' });
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

  it('"at 9:30" with a new `zone` on a repeat fires at 9:30 in the new zone, and says so', async () => {
    const job = await create('every weekday at 9', 'standup');
    const res = await patch(job.id, { when: 'at 9:30', zone: 'America/New_York' });
    expect(res.status).toBe(200);
    const after = (await res.json()) as JobView & { timeZone: string };
    expect(after.timeZone).toBe('America/New_York');
    // 10:00Z Sun 22 Nov is 05:00 in New York (EST = UTC-5): Mon 23 Nov 09:30 there is the first.
    expect(after.nextRuns.map((n) => n.local).slice(0, 2)).toEqual(['2026-11-23T09:30:00-05:00', '2026-11-24T09:30:00-05:00']);
    expect(after.nextRunLocal).toBe('2026-11-23T09:30:00-05:00');
    const stored = (await (await f.call(`/api/v1/jobs/${job.id}`)).json()) as JobView;
    expect(stored.nextRunLocal).toBe('2026-11-23T09:30:00-05:00');
  });

  it('`zone` alone on a repeat keeps its wall-clock time in the new zone', async () => {
    const job = await create('every weekday at 9', 'standup');
    const res = await patch(job.id, { zone: 'America/New_York' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as JobView).nextRunLocal).toBe('2026-11-23T09:00:00-05:00');
  });

  it('`schedule` replaces the timing, and a `zone` beside it is the zone it is read in', async () => {
    const job = await create('every weekday at 9', 'standup');
    const res = await patch(job.id, { schedule: 'cron:0 7 * * *', zone: 'Asia/Tokyo' });
    expect(res.status).toBe(200);
    const after = (await res.json()) as JobView;
    // 10:00Z is 19:00 in Tokyo (UTC+9): the next 07:00 there is Mon 23 Nov.
    expect(after.nextRunLocal).toBe('2026-11-23T07:00:00+09:00');
    expect(after.scheduleSpec).toContain('0 7 * * *');
  });

  it('"at 2:30am" with a new `zone` on a repeat answers with the new zone\'s DST notes', async () => {
    const job = await create('every day at 9', 'water');
    const res = await patch(job.id, { when: 'at 2:30am', zone: 'America/New_York' });
    expect(res.status).toBe(200);
    // New York, 14 Mar 2027: 02:00 EST jumps to 03:00 EDT at 07:00Z, so 02:30 runs at 03:30 EDT.
    // (Berlin's own change, 28 Mar 2027 02:00 -> 03:00, would name another day.)
    const body = (await res.json()) as { wallNotes: Array<{ local: string; text: string }> };
    expect(body.wallNotes.map((n) => n.local)).toEqual(['2027-03-14T03:30:00-04:00']);
    expect(body.wallNotes[0]?.text).toContain('America/New_York');
  });

  // The dashboard editor's "When" is sent as this `when`: one rule with the chat's /edit.
  it('"friday" on a one-off at 17:00 keeps 17:00 (Fri 27 Nov), not the default 09:00', async () => {
    const job = await create('on tuesday at 5pm', 'call the vet');
    const res = await patch(job.id, { when: 'friday' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ recurring: false, nextRunLocal: '2026-11-27T17:00:00+01:00' });
  });

  it('"every weekday" on "every day at 9 and 17" keeps both times on the weekdays', async () => {
    const job = await create('every day at 9am and 5pm', 'stretch');
    const res = await patch(job.id, { when: 'every weekday' });
    expect(res.status).toBe(200);
    const after = (await res.json()) as JobView;
    // Mon 23 Nov at 09:00 and 17:00, Tue 24 ...; Sun 22 skipped
    expect(after.nextRuns.map((n) => n.local).slice(0, 3)).toEqual([
      '2026-11-23T09:00:00+01:00',
      '2026-11-23T17:00:00+01:00',
      '2026-11-24T09:00:00+01:00',
    ]);
  });

  it('"every day" on "every 2 hours" (no time of day to keep) is asked, 422, and nothing changes', async () => {
    const job = await create('every 2 hours', 'drink water');
    const before = await (await f.call(`/api/v1/jobs/${job.id}`)).json();
    const res = await patch(job.id, { when: 'every day' });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { detail: string }).detail).toContain('Say the time too');
    expect(await (await f.call(`/api/v1/jobs/${job.id}`)).json()).toEqual(before);
  });
});
