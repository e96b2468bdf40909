/**
 * The OpenAPI document is a valid OpenAPI 3.1 document (checked against the official schemas
 * by @readme/openapi-parser, references included), and it describes every route the server
 * answers: each method of each path Fastify has, except the dashboard's pages and assets
 * (the web UI, not the API) and HEAD (Fastify's automatic twin of GET).
 */
import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiFixture, startFixture } from './api-harness.js';

let f: ApiFixture;
let doc: { paths: Record<string, Record<string, unknown>> };
beforeAll(async () => {
  f = await startFixture({ memory: 'read' });
  const res = await f.call('/api/openapi.json', { token: null });
  expect(res.status).toBe(200);
  doc = (await res.json()) as typeof doc;
});
afterAll(async () => {
  await f.close();
});

/** The dashboard's pages and static files: served to browsers, not part of the API. */
const WEB_UI = [/^\/$/, /^\/assets\//, /^\/(jobs|runs|events)(\/?\*)?$/];

/** Every (method, path) Fastify routes, read from its route tree (`printRoutes` with full segments). */
function fastifyRoutes(tree: string): Array<{ method: string; path: string }> {
  const out: Array<{ method: string; path: string }> = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    for (const method of m[3]?.split(', ') ?? []) out.push({ method, path: stack.join('').replace(/^\/+/, '/') });
  }
  return out;
}

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? [] : result.errors.map((e) => e.message)).toEqual([]);
    expect((doc as unknown as { openapi: string }).openapi).toBe('3.1.0');
    // The check can fail: the same document with a parameter that does not say where it goes is refused.
    const broken = structuredClone(doc) as { paths: Record<string, Record<string, { parameters?: unknown[] }>> };
    broken.paths['/healthz']!.get!.parameters = [{ name: 'verbose', schema: { type: 'string' } }];
    expect((await validate(broken as never)).valid).toBe(false);
  });

  it('describes every route the server answers (login, health, metrics, notes, aliases included)', () => {
    const routes = fastifyRoutes(f.server.app.printRoutes({ commonPrefix: false }))
      .filter((r) => r.method !== 'HEAD' && !WEB_UI.some((re) => re.test(r.path)))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.filter((r) => !documented.includes(r))).toEqual([]);
    for (const r of [
      'GET /login',
      'POST /api/v1/session',
      'GET /readyz',
      'GET /metrics',
      'GET /api/v1/notes/{platform}/{userId}',
      'GET /api/v1/runs/{runId}',
    ])
      expect(documented).toContain(r);
  });

  it('the routes served without a token say so (security: []), the rest need one', () => {
    const op = (path: string, method: string) => doc.paths[path]![method] as { security?: unknown[] };
    for (const [path, method] of [
      ['/login', 'get'],
      ['/api/v1/session', 'post'],
      ['/healthz', 'get'],
      ['/readyz', 'get'],
      ['/api/openapi.json', 'get'],
    ] as const)
      expect(op(path, method).security, path).toEqual([]);
    expect(op('/metrics', 'get').security).toBeUndefined();
    expect(op('/api/v1/jobs', 'get').security).toBeUndefined();
  });
});
