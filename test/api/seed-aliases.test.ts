/**
 * The routes other schedulers' clients call (task schedules, all schedules, scheduler events)
 * answer from the same jobs as /api/v1.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApiFixture, ORIGIN, startFixture } from './api-harness.js';

let f: ApiFixture;
beforeEach(async () => {
  f = await startFixture();
});
afterEach(async () => {
  await f.close();
});

describe('task schedule routes', () => {
  it('POST creates a task with that id, POST again reschedules it, GET shows it, DELETE cancels it', async () => {
    const created = await f.call('/api/tasks/report-1/schedule', {
      method: 'POST',
      json: { schedule: 'cron:30 2 * * *', text: 'daily report', origin: ORIGIN, zone: 'UTC' },
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      task_id: 'report-1',
      schedule: 'cron:30 2 * * *',
      next_run_time: '2026-11-23T02:30:00.000Z',
      status: 'active',
      recurring: true,
    });

    const again = await f.call('/api/tasks/report-1/schedule', { method: 'POST', json: { schedule: 'every 1h' } });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ task_id: 'report-1', recurring: true });

    const got = (await (await f.call('/api/tasks/report-1/schedule')).json()) as { next_run_times: string[] };
    expect(got.next_run_times).toHaveLength(5);
    expect(((await (await f.call('/api/v1/jobs/report-1')).json()) as { name: string }).name).toBe('daily report');

    const cancelled = await f.call('/api/tasks/report-1/schedule', { method: 'DELETE' });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ status: 'cancelled', next_run_time: null });
    expect(await (await f.call('/api/tasks/report-1/runs')).json()).toEqual([]);
  });

  it('POST to an existing task applies all it says (text, name, origin), or refuses and changes nothing', async () => {
    await f.call('/api/tasks/report-2/schedule', {
      method: 'POST',
      json: { schedule: 'cron:30 2 * * *', text: 'old text', origin: ORIGIN },
    });
    const again = await f.call('/api/tasks/report-2/schedule', {
      method: 'POST',
      json: { schedule: 'cron:0 3 * * *', text: 'new text', name: 'renamed', origin: { platform: 'telegram', chatId: '43' } },
    });
    expect(again.status).toBe(200);
    // Before: 200, and the job kept "old text", its name and chat 42.
    expect(await (await f.call('/api/v1/jobs/report-2')).json()).toMatchObject({
      name: 'renamed',
      payload: { text: 'new text' },
      origin: { platform: 'telegram', chatId: '43' },
      scheduleSpec: 'cron:0 3 * * *',
    });
    for (const json of [
      { schedule: 'cron:0 4 * * *', command: '/list' },
      { schedule: 'cron:0 4 * * *', origin: { platform: 'telegarm', chatId: '43' } },
    ]) {
      const wrong = await f.call('/api/tasks/report-2/schedule', { method: 'POST', json });
      expect(wrong.status, JSON.stringify(json)).toBe(400);
    }
    expect(await (await f.call('/api/v1/jobs/report-2')).json()).toMatchObject({ scheduleSpec: 'cron:0 3 * * *' });
  });

  it('a new task without what to do is 400 naming the field; unknown tasks are 404', async () => {
    const res = await f.call('/api/tasks/x1/schedule', { method: 'POST', json: { schedule: 'in:1h' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toContain('body.origin');
    expect((await f.call('/api/tasks/none/schedule')).status).toBe(404);
    expect((await f.call('/api/tasks/none/schedule', { method: 'DELETE' })).status).toBe(404);
    expect((await f.call('/api/tasks/none/runs')).status).toBe(404);
  });

  it('GET /api/schedules lists active and paused tasks', async () => {
    await f.call('/api/tasks/a/schedule', { method: 'POST', json: { schedule: 'in:1h', text: 'a', origin: ORIGIN } });
    await f.call('/api/tasks/b/schedule', { method: 'POST', json: { schedule: 'every 1d', text: 'b', origin: ORIGIN } });
    await f.call('/api/tasks/b/schedule', { method: 'DELETE' });
    const all = (await (await f.call('/api/schedules')).json()) as Array<{ task_id: string }>;
    expect(all.map((s) => s.task_id)).toEqual(['a']);
  });
});

describe('scheduler events route', () => {
  it('filters by status, module (workflow), function (kind) and recurring', async () => {
    await f.call('/api/v1/jobs', {
      method: 'POST',
      json: { name: 'backup', schedule: 'cron:0 2 * * *', command: '/list', workflowId: 'core.database', origin: ORIGIN },
    });
    await f.call('/api/v1/jobs', { method: 'POST', json: { name: 'once', when: 'tomorrow at 5pm', text: 'x', origin: ORIGIN } });
    const get = async (q: string) =>
      ((await (await f.call(`/api/v1/scheduler/events?${q}`)).json()) as { events: Array<{ name: string }> }).events.map((e) => e.name);
    expect(await get('module_id=core.database')).toEqual(['backup']);
    expect(await get('function_name=reminder')).toEqual(['once']);
    expect(await get('recurring=true')).toEqual(['backup']);
    expect(await get('status=active&recurring=false')).toEqual(['once']);
    expect((await f.call('/api/v1/scheduler/events?status=nope')).status).toBe(400);
  });
});
