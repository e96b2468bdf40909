/**
 * The server as a whole over real HTTP: request errors as RFC 9457 problems (bad JSON, body
 * too large, wrong media type, unknown route), the OpenAPI document generated from the route
 * schemas, health, readiness and Prometheus metrics, the parse preview.
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

describe('request errors', () => {
  it('malformed JSON is 400 problem+json and creates nothing', async () => {
    const res = await f.call('/api/v1/jobs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"when": "at 5pm",',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ type: '/problems/bad-json', status: 400, instance: '/api/v1/jobs' });
    expect(((await (await f.call('/api/v1/jobs')).json()) as { jobs: unknown[] }).jobs).toEqual([]);
  });

  it("the router's own refusals are problems too: a bad %-escape is 400, an over-long path segment 414", async () => {
    for (const [path, status] of [
      ['/api/v1/jobs/%E0%A4%A', 400],
      [`/api/v1/workflows/${'w'.repeat(300)}/cancel`, 414],
    ] as const) {
      const res = await f.call(path, { method: path.endsWith('cancel') ? 'POST' : 'GET' });
      expect(res.status, path).toBe(status);
      // Before: Fastify's {"error":"Bad Request","code":"FST_ERR_BAD_URL",…} as application/json.
      expect(res.headers.get('content-type'), path).toContain('application/problem+json');
      expect(await res.json(), path).toMatchObject({ status, instance: path });
    }
  });

  it('a body over the limit is 413', async () => {
    const res = await f.call('/api/v1/jobs', { method: 'POST', json: { when: 'at 5pm', text: 'x'.repeat(70_000), origin: ORIGIN } });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { type: string }).type).toBe('/problems/body-too-large');
  });

  it('a body that is not JSON is 415', async () => {
    const res = await f.call('/api/v1/jobs', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'at 5pm' });
    expect(res.status).toBe(415);
  });

  it('a missing body on create is 400 naming the body, also when sent as empty JSON or null', async () => {
    for (const init of [
      {},
      { headers: { 'content-type': 'application/json' }, body: '' },
      { headers: { 'content-type': 'application/json' }, body: 'null' },
    ]) {
      const res = await f.call('/api/v1/jobs', { method: 'POST', ...init });
      expect(res.status).toBe(400);
      // Before: "Invalid input: expected object, received undefined", or bad-json for an empty body.
      expect(((await res.json()) as { errors: Array<{ field: string; message: string }> }).errors[0]).toMatchObject({
        field: 'body',
        message: 'is missing: this route takes a JSON object',
      });
    }
  });

  it('a route without a body takes an empty one labelled JSON (before: 400 "Body cannot be empty")', async () => {
    const { id } = (await (
      await f.call('/api/v1/jobs', { method: 'POST', json: { when: 'every day at 9am', text: 'x', origin: ORIGIN } })
    ).json()) as {
      id: string;
    };
    const res = await f.call(`/api/v1/jobs/${id}/pause`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'paused' });
  });

  it('an unknown route is 404 problem+json', async () => {
    const res = await f.call('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ type: '/problems/not-found', status: 404 });
  });

  it('a bad query parameter names it and the fix', async () => {
    const res = await f.call('/api/v1/jobs?limit=0&sort=colour');
    expect(res.status).toBe(400);
    const p = (await res.json()) as { errors: Array<{ field: string; fix?: string }> };
    expect(p.errors.map((e) => e.field).sort()).toEqual(['query.limit', 'query.sort']);
    expect(p.errors.find((e) => e.field === 'query.sort')?.fix).toContain('sort=-next_run');
  });
});

describe('OpenAPI', () => {
  it('serves a 3.1 document listing every route with the schemas that validate it', async () => {
    const res = await fetch(`${f.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            operationId: string;
            requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown>; additionalProperties?: boolean } }> };
            parameters?: Array<{ name: string; in: string }>;
          }
        >
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/v1/jobs',
      '/api/v1/jobs/{id}',
      '/api/v1/jobs/{id}/pause',
      '/api/v1/jobs/{id}/run',
      '/api/v1/runs',
      '/api/v1/stats',
      '/api/v1/parse',
      '/api/tasks/{task_id}/schedule',
      '/api/schedules',
      '/api/v1/scheduler/events',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    const create = doc.paths['/api/v1/jobs']!.post!;
    expect(create.operationId).toBe('createJob');
    const body = create.requestBody!.content['application/json']!.schema;
    expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(['when', 'schedule', 'text', 'command', 'zone', 'origin']));
    expect(body.additionalProperties).toBe(false);
    expect(doc.paths['/api/v1/jobs']!.get!.parameters!.map((p) => p.name)).toEqual(
      expect.arrayContaining(['status', 'kind', 'owner', 'chat', 'platform', 'recurring', 'workflow', 'q', 'sort', 'limit', 'cursor']),
    );
    expect(Object.keys(doc.paths['/api/v1/session']!).sort()).toEqual(['delete', 'get', 'post']);
    expect(doc.paths['/api/v1/bulk/pause']!.post!.operationId).toBe('pauseJobs');
    expect(doc.paths['/api/v1/jobs/{id}']!.get!.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path' })]);
  });
});

describe('OpenAPI structure', () => {
  it('every operation has a unique id, declares each path parameter, and describes every response', async () => {
    type Op = {
      operationId?: string;
      parameters?: Array<{ name: string; in: string; required?: boolean }>;
      responses?: Record<string, { description?: string }>;
    };
    const doc = (await (await fetch(`${f.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, Op>> };
    const ids = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(op.operationId, where).toBeTruthy();
        expect(ids.has(op.operationId!), `${where}: duplicate ${op.operationId}`).toBe(false);
        ids.add(op.operationId!);
        const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
        expect(declared.map((p) => p.name).sort(), where).toEqual([...names].sort());
        for (const p of declared) expect(p.required, `${where} ${p.name}`).toBe(true);
        expect(Object.keys(op.responses ?? {}).length, where).toBeGreaterThan(0);
        for (const [status, r] of Object.entries(op.responses ?? {})) expect(r.description, `${where} ${status}`).toBeTruthy();
      }
    }
    expect(ids.size).toBeGreaterThan(20);
  });
});

describe('operations', () => {
  it('/healthz and /readyz answer without a token; readyz checks the store', async () => {
    expect(await (await fetch(`${f.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${f.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { store: true } });
    await f.app.store.close();
    const down = await fetch(`${f.url}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'not ready', checks: { store: false } });
  });

  it('/metrics needs a token and speaks the Prometheus format, with job counts from the store', async () => {
    expect((await f.call('/metrics', { token: null })).status).toBe(401);
    await f.call('/api/v1/jobs', { method: 'POST', json: { when: 'every day at 9am', text: 'x', origin: ORIGIN } });
    const res = await f.call('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('chime_jobs{status="active"} 1');
    expect(text).toContain('chime_outbox_messages{status="pending"} 0');
    expect(text).toMatch(/chime_nodejs_eventloop_lag_seconds \d/);
    expect(text).toContain('chime_http_request_duration_seconds_bucket');
  });

  it('/metrics counts runs by outcome and kind, with their lateness and duration', async () => {
    const { id } = (await (
      await f.call('/api/v1/jobs', { method: 'POST', json: { schedule: 'manual', text: 'ping', origin: ORIGIN } })
    ).json()) as { id: string };
    expect((await f.call(`/api/v1/jobs/${id}/run`, { method: 'POST' })).status).toBe(202);
    let text = '';
    for (let i = 0; i < 100 && !text.includes('chime_run_outcomes_total{outcome="success",kind="reminder"} 1'); i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 20));
      text = await (await f.call('/metrics')).text();
    }
    expect(text).toContain('chime_run_outcomes_total{outcome="success",kind="reminder"} 1');
    expect(text).toContain('chime_run_lateness_seconds_count{kind="reminder"} 1');
    expect(text).toContain('chime_run_duration_seconds_count{kind="reminder"} 1');
  });

  it('POST /api/v1/parse shows how a text is read, in the zone asked', async () => {
    const res = await f.call('/api/v1/parse', {
      method: 'POST',
      json: { text: 'every monday at 9 stand-up', zone: 'America/New_York', now: '2026-11-22T10:00:00Z' },
    });
    expect(res.status).toBe(200);
    const r = (await res.json()) as { ok: boolean; kind: string; text: string; next: Array<{ local: string }> };
    expect(r).toMatchObject({ ok: true, kind: 'recurring', text: 'stand-up' });
    expect(r.next[0]?.local).toBe('2026-11-23T09:00:00-05:00');
    const no = await f.call('/api/v1/parse', { method: 'POST', json: { text: 'blue elephants' } });
    expect(no.status).toBe(200);
    expect(await no.json()).toMatchObject({ ok: false });
    expect((await f.call('/api/v1/parse', { method: 'POST', json: { text: 'at 5', zone: 'Nowhere/Land' } })).status).toBe(400);
  });

  it('POST /api/v1/parse names a DST gap or overlap it met and the months a repeat skips, as the chat does', async () => {
    const read = async (text: string) =>
      (await (
        await f.call('/api/v1/parse', { method: 'POST', json: { text, zone: 'America/New_York', now: '2026-12-03T15:00:00Z' } })
      ).json()) as { ok: boolean; next: Array<{ local: string }>; wallNotes: unknown[]; caveats: string[] };
    // 14 Mar 2027: New York's clocks jump from 02:00 to 03:00; 7 Nov 2027: 01:00-02:00 happens twice.
    const gap = await read('on march 14 2027 at 2:30am check the clocks');
    expect(gap.next[0]?.local).toBe('2027-03-14T03:30:00-04:00');
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
    const fold = await read('on nov 7 2027 at 1:30am sleep');
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
    const rent = await read('every 31st at 9am pay rent');
    expect(rent.caveats.join(' ')).toContain('Feb, Apr, Jun, Sep, Nov');
    expect((await read('tomorrow at 9 call mom')).wallNotes).toEqual([]);
  });
});
