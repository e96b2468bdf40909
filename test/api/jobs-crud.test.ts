/**
 * The jobs routes over real HTTP against a real store: create with the chat language or a
 * spec, read back with the next five fires in the job's zone, change, pause, resume, run,
 * delete; every refusal is problem+json naming the field, and changes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApiFixture, ORIGIN, startFixture } from './api-harness.js';
import { describePg } from '../store/pg-harness.js';

function crud(backend: 'sqlite' | 'postgres') {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await startFixture({ backend });
  });
  afterEach(async () => {
    await f.close();
  });

  it('creates from the chat language and shows the next 5 fires in the job zone', async () => {
    const res = await f.call('/api/v1/jobs', { method: 'POST', json: { when: 'every day at 9am', text: 'stand-up', origin: ORIGIN } });
    expect(res.status).toBe(201);
    const job = (await res.json()) as Record<string, unknown> & { id: string; nextRuns: Array<{ at: string; local: string }> };
    expect(res.headers.get('location')).toBe(`/api/v1/jobs/${job.id}`);
    expect(job).toMatchObject({
      kind: 'reminder',
      status: 'active',
      timeZone: 'Europe/Berlin',
      payload: { text: 'stand-up' },
      owner: { platform: 'api', userId: 'api-token' },
      origin: ORIGIN,
      recurring: true,
    });
    expect(job.nextRuns.map((n) => n.local)).toEqual([
      '2026-11-23T09:00:00+01:00',
      '2026-11-24T09:00:00+01:00',
      '2026-11-25T09:00:00+01:00',
      '2026-11-26T09:00:00+01:00',
      '2026-11-27T09:00:00+01:00',
    ]);
    const got = await f.call(`/api/v1/jobs/${job.id}`);
    expect(got.status).toBe(200);
    expect(((await got.json()) as { nextRuns: unknown[] }).nextRuns).toEqual(job.nextRuns);
  });

  it('scheduleText says a repeat\'s count ("every day at 9am 3 times"); it was the rule alone', async () => {
    const res = await f.call('/api/v1/jobs', {
      method: 'POST',
      json: { when: 'every day at 9am 3 times', text: 'stretch', origin: ORIGIN },
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ scheduleText: 'every day at 09:00, Europe/Berlin, 3 times in all', bounds: { maxRuns: 3 } });
  });

  it('takes the reminder text from the sentence when no text is given', async () => {
    const res = await f.call('/api/v1/jobs', { method: 'POST', json: { when: 'remind me to call Sam tomorrow at 5pm', origin: ORIGIN } });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ payload: { text: 'call Sam' }, nextRunLocal: '2026-11-23T17:00:00+01:00', recurring: false });
  });

  it('a job made or changed with `when` answers with the DST notes and caveats POST /api/v1/parse gives; so does one made from a spec', async () => {
    type Created = { id: string; nextRuns: Array<{ local: string }>; wallNotes?: unknown[]; caveats?: string[] };
    const create = async (json: Record<string, unknown>) => {
      const res = await f.call('/api/v1/jobs', { method: 'POST', json: { origin: ORIGIN, zone: 'America/New_York', ...json } });
      expect(res.status).toBe(201);
      return (await res.json()) as Created;
    };
    // New York, 14 Mar 2027: clocks jump 02:00 EST -> 03:00 EDT at 07:00Z, so 02:30 does not exist and
    // runs at 03:30 EDT = 07:30Z (Intl: 2027-03-14T07:30Z is 03:30 GMT-4).
    const gap = await create({ when: 'every day at 2:30am', text: 'water' });
    expect(gap.wallNotes).toEqual([
      {
        kind: 'gap',
        at: '2027-03-14T07:30:00.000Z',
        local: '2027-03-14T03:30:00-04:00',
        minutes: 60,
        asked: '02:30',
        text: '02:30 does not exist on 2027-03-14 in America/New_York (clocks go forward an hour): it runs at 03:30 that day.',
      },
    ]);
    expect(gap.caveats).toEqual([]);
    // 7 Nov 2027: 01:00-02:00 happens twice; the first 01:30 is EDT, 05:30Z (the second is 06:30Z EST).
    const fold = await create({ when: 'on nov 7 2027 at 1:30am', text: 'sleep' });
    expect(fold.wallNotes).toEqual([
      {
        kind: 'fold',
        at: '2027-11-07T05:30:00.000Z',
        local: '2027-11-07T01:30:00-04:00',
        minutes: 60,
        which: 'first',
        text: '01:30 happens twice on 2027-11-07 in America/New_York (clocks go back an hour): it runs at the first 01:30, before clocks go back.',
      },
    ]);
    const rent = await create({ when: 'every 31st at 9am', text: 'pay rent' });
    expect(rent.wallNotes).toEqual([]);
    expect(rent.caveats?.join(' ')).toContain('Feb, Apr, Jun, Sep, Nov');
    // A spec gets the same notes: cron 02:30 daily meets the same gap, and at:…T02:30 on that day is
    // placed at 03:30 EDT; 09:00 daily meets none.
    expect((await create({ schedule: 'cron:30 2 * * *', text: 'cron' })).wallNotes).toEqual(gap.wallNotes);
    const at = await create({ schedule: 'at:2027-03-14T02:30:00', text: 'once' });
    expect(at.nextRuns[0]?.local).toBe('2027-03-14T03:30:00-04:00');
    expect(at.wallNotes).toEqual(gap.wallNotes);
    const spec = await create({ schedule: 'cron:0 9 * * *', text: 'spec' });
    expect([spec.wallNotes, spec.caveats]).toEqual([[], []]);
    expect((await create({ schedule: 'cron:0 9 31 * *', text: 'rent' })).caveats?.join(' ')).toContain('Feb, Apr, Jun, Sep, Nov');
    // A change of `when` answers with the notes of the new reading.
    const changed = await f.call(`/api/v1/jobs/${spec.id}`, { method: 'PATCH', json: { when: 'every day at 2:30am' } });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as Created).wallNotes).toEqual(gap.wallNotes);
  });

  it('creates from a schedule spec, updates, pauses, resumes and deletes', async () => {
    const created = (await (
      await f.call('/api/v1/jobs', {
        method: 'POST',
        json: { schedule: 'cron:30 2 * * *', command: '/list', name: 'nightly', origin: ORIGIN, zone: 'UTC' },
      })
    ).json()) as { id: string; kind: string };
    expect(created.kind).toBe('command');
    const id = created.id;

    const upd = await f.call(`/api/v1/jobs/${id}`, { method: 'PATCH', json: { name: 'nightly list', schedule: 'cron:0 3 * * *' } });
    expect(upd.status).toBe(200);
    expect(await upd.json()).toMatchObject({ name: 'nightly list', scheduleSpec: 'cron:0 3 * * *', nextRunAt: '2026-11-23T03:00:00.000Z' });

    const paused = await f.call(`/api/v1/jobs/${id}/pause`, { method: 'POST' });
    expect(await paused.json()).toMatchObject({ status: 'paused', nextRuns: [] });
    const resumed = await f.call(`/api/v1/jobs/${id}/resume`, { method: 'POST' });
    expect(await resumed.json()).toMatchObject({ status: 'active' });

    expect((await f.call(`/api/v1/jobs/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await f.call(`/api/v1/jobs/${id}`)).status).toBe(404);
    expect((await f.call(`/api/v1/jobs/${id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('runs a job now and lists its run', async () => {
    const { id } = (await (
      await f.call('/api/v1/jobs', { method: 'POST', json: { schedule: 'manual', text: 'ping', origin: ORIGIN } })
    ).json()) as { id: string };
    const run = await f.call(`/api/v1/jobs/${id}/run`, { method: 'POST' });
    expect(run.status).toBe(202);
    // The run settles in the background: wait until history shows it finished.
    type Runs = { runs: Array<{ jobId: string; trigger: string; status: string; ghostSessionId: string }> };
    let runs: Runs = { runs: [] };
    for (let i = 0; i < 100 && !(runs.runs.length === 1 && runs.runs[0]?.status === 'success'); i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 20));
      runs = (await (await f.call(`/api/v1/jobs/${id}/runs`)).json()) as Runs;
    }
    expect(runs.runs, JSON.stringify(runs.runs)).toHaveLength(1);
    expect(runs.runs[0]).toMatchObject({ jobId: id, trigger: 'manual', status: 'success', ghostSessionId: `ghost_scheduler_${id}` });
    const all = (await (await f.call(`/api/v1/runs?job_id=${id}`)).json()) as { runs: unknown[] };
    expect(all.runs, JSON.stringify(all.runs)).toHaveLength(1);
  });

  it('refuses bad input with problem+json naming the field, and creates nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [{ when: 'every day at 9am', text: 'x' }, 'body.origin'],
      [{ text: 'x', origin: ORIGIN }, 'body.when'],
      [{ when: 'at 5pm', schedule: 'manual', text: 'x', origin: ORIGIN }, 'body.schedule'],
      [{ when: 'blue elephants', text: 'x', origin: ORIGIN }, 'body.when'],
      [{ schedule: 'cron:99 * * * *', text: 'x', origin: ORIGIN }, 'body.schedule'],
      [{ when: 'at 5pm', text: 'x', origin: ORIGIN, zone: 'Mars/Base' }, 'body.zone'],
      // The runtime reads "EST" as Panama (UTC-5 all year): an hour off New York all summer. The chat reads it as New York.
      [{ when: 'at 5pm', text: 'x', origin: ORIGIN, zone: 'EST' }, 'body.zone'],
      [{ when: 'at 5pm', text: 'x', origin: ORIGIN, zone: 'mst' }, 'body.zone'],
      [{ when: 'at 5pm', text: 'x', origin: ORIGIN, color: 'red' }, 'body'],
      [{ when: 'at 5pm', text: 'x'.repeat(5000), origin: ORIGIN }, 'body.text'],
      // A platform Chime has no adapter for: before, the job ran and its message waited for a sender forever.
      [{ when: 'at 5pm', text: 'x', origin: { platform: 'telegarm', chatId: '42' } }, 'body.origin.platform'],
    ];
    for (const [body, field] of cases) {
      const res = await f.call('/api/v1/jobs', { method: 'POST', json: body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const p = (await res.json()) as { type: string; status: number; detail: string; errors: Array<{ field: string }> };
      expect(p.type).toBe('/problems/validation');
      expect(
        p.errors.map((e) => e.field),
        JSON.stringify(p),
      ).toContain(field);
    }
    expect(((await (await f.call('/api/v1/jobs')).json()) as { jobs: unknown[] }).jobs).toEqual([]);
  });

  it('a missing origin is named as required, with an origin that works', async () => {
    const res = await f.call('/api/v1/jobs', { method: 'POST', json: { when: 'every day at 9am', text: 'x' } });
    const p = (await res.json()) as { errors: Array<{ field: string; message: string; fix?: string }> };
    const problem = p.errors.find((e) => e.field === 'body.origin');
    expect(problem?.message).toMatch(/is required/);
    expect(JSON.parse((problem?.fix ?? '').replace(/^e\.g\. /, ''))).toMatchObject({ platform: 'telegram', chatId: expect.any(String) });
  });

  it('a refused update changes nothing', async () => {
    const { id } = (await (
      await f.call('/api/v1/jobs', { method: 'POST', json: { when: 'every day at 9am', text: 'a', origin: ORIGIN } })
    ).json()) as { id: string };
    const bad = await f.call(`/api/v1/jobs/${id}`, { method: 'PATCH', json: { name: 'renamed', schedule: 'cron:not a cron' } });
    expect(bad.status).toBe(400);
    expect(await (await f.call(`/api/v1/jobs/${id}`)).json()).toMatchObject({
      name: 'a',
      scheduleSpec: expect.stringMatching(/^calendar:|^cron:/),
    });
    const tooOften = await f.call(`/api/v1/jobs/${id}`, { method: 'PATCH', json: { name: 'renamed', schedule: 'every 10s' } });
    expect([400, 422]).toContain(tooOften.status);
    expect(await (await f.call(`/api/v1/jobs/${id}`)).json()).toMatchObject({ name: 'a' });
  });

  it('a reminder text of only spaces or invisible characters (zero-width space, word joiner, RTL mark) is refused on POST and PATCH, and nothing changes', async () => {
    const invisible = ['   ', '\u200b\u200b', '\u2060', ' \u200f\ufeff '];
    for (const text of invisible) {
      const res = await f.call('/api/v1/jobs', { method: 'POST', json: { when: 'every day at 9am', text, origin: ORIGIN } });
      expect({ text, status: res.status }).toEqual({ text, status: 400 });
    }
    expect(((await (await f.call('/api/v1/jobs')).json()) as { jobs: unknown[] }).jobs).toEqual([]);
    const { id } = (await (
      await f.call('/api/v1/jobs', { method: 'POST', json: { when: 'every day at 9am', text: 'water the plants', origin: ORIGIN } })
    ).json()) as { id: string };
    for (const text of invisible) {
      const res = await f.call(`/api/v1/jobs/${id}`, { method: 'PATCH', json: { text } });
      expect({ text, status: res.status }).toEqual({ text, status: 400 });
      const p = (await res.json()) as { errors: Array<{ field: string; message: string }> };
      expect(p.errors[0]).toMatchObject({ field: 'body.text', message: expect.stringContaining('nothing to read') });
    }
    // Text around the invisible characters is text.
    expect((await f.call(`/api/v1/jobs/${id}`, { method: 'PATCH', json: { text: '\u200bwater \u05d0' } })).status).toBe(200);
    expect(await (await f.call(`/api/v1/jobs/${id}`)).json()).toMatchObject({ payload: { text: '\u200bwater \u05d0' } });
  });

  it('`once` limits a recurring schedule to one run, given with `when` or `schedule`, and alone on PATCH to one more run', async () => {
    type Made = { id: string; bounds: { maxRuns?: number }; nextRuns: unknown[]; runCount: number };
    const create = async (json: Record<string, unknown>) => {
      const res = await f.call('/api/v1/jobs', { method: 'POST', json: { text: 'water', origin: ORIGIN, ...json } });
      expect(res.status).toBe(201);
      return (await res.json()) as Made;
    };
    const patch = async (id: string, json: Record<string, unknown>) => {
      const res = await f.call(`/api/v1/jobs/${id}`, { method: 'PATCH', json });
      expect(res.status, JSON.stringify(json)).toBe(200);
      return (await res.json()) as Made;
    };
    // Before, `once` was read only beside `schedule`: with `when` it made an every-day job.
    expect(await create({ when: 'every day at 9am', once: true })).toMatchObject({ bounds: { maxRuns: 1 }, nextRuns: [expect.anything()] });
    expect(await create({ schedule: 'cron:0 9 * * *', once: true })).toMatchObject({
      bounds: { maxRuns: 1 },
      nextRuns: [expect.anything()],
    });

    const daily = await create({ when: 'every day at 9am' });
    expect(daily.nextRuns).toHaveLength(5);
    // Before, PATCH {"once":true} answered 200 and changed nothing.
    expect(await patch(daily.id, { once: true })).toMatchObject({ bounds: { maxRuns: 1 }, nextRuns: [expect.anything()] });
    // A new repeat without `once` is a repeat again.
    expect((await patch(daily.id, { when: 'every day at 10am' })).nextRuns).toHaveLength(5);
    expect(await patch(daily.id, { when: 'every day at 11am', once: true })).toMatchObject({
      bounds: { maxRuns: 1 },
      nextRuns: [expect.anything()],
    });

    // A job that has run on its schedule: `once` is its next run, not "1 run in all", which would never fire again.
    const ran = await create({ when: 'every day at 9am' });
    await f.app.store.jobs.updateJob(ran.id, { runCount: 1 }, f.clock.now());
    expect(await patch(ran.id, { once: true })).toMatchObject({ status: 'active', bounds: { maxRuns: 2 }, nextRuns: [expect.anything()] });
    expect(await patch(ran.id, { schedule: 'cron:0 8 * * *', once: true })).toMatchObject({
      bounds: { maxRuns: 2 },
      nextRuns: [expect.anything()],
    });
  });

  it('a new schedule for a cancelled job shows no next run: it never runs again', async () => {
    const { id } = (await (
      await f.call('/api/v1/jobs', { method: 'POST', json: { schedule: 'cron:0 9 * * *', text: 'x', origin: ORIGIN } })
    ).json()) as { id: string };
    expect((await f.call(`/api/v1/jobs/${id}/cancel`, { method: 'POST' })).status).toBe(200);
    const res = await f.call(`/api/v1/jobs/${id}`, { method: 'PATCH', json: { schedule: 'cron:0 10 * * *' } });
    // Before: status cancelled with nextRunAt tomorrow 09:00Z, listed as due then.
    expect(await res.json()).toMatchObject({ status: 'cancelled', nextRunAt: null, nextRuns: [] });
    const listed = (await (await f.call('/api/v1/jobs?status=cancelled')).json()) as {
      jobs: Array<{ id: string; nextRunAt: string | null }>;
    };
    expect(listed.jobs).toEqual([expect.objectContaining({ id, nextRunAt: null })]);
  });

  it('unknown ids are 404 on every job route', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/jobs/nope42'],
      ['PATCH', '/api/v1/jobs/nope42'],
      ['DELETE', '/api/v1/jobs/nope42'],
      ['POST', '/api/v1/jobs/nope42/pause'],
      ['POST', '/api/v1/jobs/nope42/resume'],
      ['POST', '/api/v1/jobs/nope42/cancel'],
      ['POST', '/api/v1/jobs/nope42/run'],
      ['GET', '/api/v1/jobs/nope42/runs'],
    ] as const) {
      const res = await f.call(path, { method, ...(method === 'PATCH' ? { json: { name: 'x' } } : {}) });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(((await res.json()) as { type: string }).type).toBe('/problems/not-found');
    }
  });
}

describe('jobs API on SQLite', () => crud('sqlite'));
describePg('jobs API on PostgreSQL', () => crud('postgres'));
