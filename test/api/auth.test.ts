/**
 * Who may do what, over real HTTP: no token, a wrong token, the read-only token on a change,
 * the full token; the dashboard's cookie session with and without its CSRF token; the one-click
 * login URL; wrong tokens rate-limited; every request runs as entity type API.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApiFixture, FULL, ORIGIN, READONLY, startFixture } from './api-harness.js';

let f: ApiFixture;
beforeEach(async () => {
  f = await startFixture();
});
afterEach(async () => {
  await f.close();
});

const create = { method: 'POST', json: { when: 'every day at 9am', text: 'x', origin: ORIGIN } };

async function login(token = FULL): Promise<{ cookie: string; csrf: string }> {
  const res = await f.call('/api/v1/session', { method: 'POST', token: null, json: { token } });
  expect(res.status).toBe(201);
  const setCookie = res.headers.get('set-cookie') ?? '';
  expect(setCookie).toMatch(/HttpOnly/i);
  expect(setCookie).toMatch(/SameSite=Strict/i);
  const cookie = setCookie.split(';')[0]!;
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

describe('bearer tokens', () => {
  it('no token: 401 with WWW-Authenticate, as problem+json', async () => {
    const res = await f.call('/api/v1/jobs', { token: null });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('a wrong token, or a malformed header: 401', async () => {
    expect((await f.call('/api/v1/jobs', { token: 'wrong-token-0123456789abcdef' })).status).toBe(401);
    expect((await f.call('/api/v1/jobs', { token: null, headers: { authorization: `Basic ${FULL}` } })).status).toBe(401);
  });

  it('the read-only token reads, and gets 403 on every change', async () => {
    expect((await f.call('/api/v1/jobs', { token: READONLY })).status).toBe(200);
    expect((await f.call('/api/v1/stats', { token: READONLY })).status).toBe(200);
    const res = await f.call('/api/v1/jobs', { ...create, token: READONLY });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { type: string }).type).toBe('/problems/read-only');
    expect((await f.call('/api/v1/jobs/abc/pause', { method: 'POST', token: READONLY })).status).toBe(403);
    expect((await f.call('/api/v1/jobs/abc', { method: 'DELETE', token: READONLY })).status).toBe(403);
    expect(((await (await f.call('/api/v1/jobs')).json()) as { jobs: unknown[] }).jobs).toEqual([]);
  });

  it('the full token changes things', async () => {
    expect((await f.call('/api/v1/jobs', create)).status).toBe(201);
  });

  it('repeated wrong tokens are rate-limited (429 with Retry-After), even for the right token, until the window passes', async () => {
    for (let i = 0; i < 10; i++) expect((await f.call('/api/v1/jobs', { token: `wrong-${i}-0123456789abcdef` })).status).toBe(401);
    const limited = await f.call('/api/v1/jobs', { token: 'wrong-x-0123456789abcdef' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await f.call('/api/v1/jobs')).status).toBe(429);
    f.clock.advance(61_000);
    expect((await f.call('/api/v1/jobs')).status).toBe(200);
  });
});

describe('dashboard session', () => {
  it('a session cookie reads without a token', async () => {
    const { cookie } = await login();
    const res = await f.call('/api/v1/jobs', { token: null, headers: { cookie } });
    expect(res.status).toBe(200);
  });

  it('a change with the cookie but without the CSRF token is refused (403), with it accepted', async () => {
    const { cookie, csrf } = await login();
    const without = await f.call('/api/v1/jobs', { ...create, token: null, headers: { cookie } });
    expect(without.status).toBe(403);
    expect(((await without.json()) as { type: string }).type).toBe('/problems/csrf');
    const wrong = await f.call('/api/v1/jobs', { ...create, token: null, headers: { cookie, 'x-csrf-token': 'x'.repeat(43) } });
    expect(wrong.status).toBe(403);
    const foreign = await f.call('/api/v1/jobs', {
      ...create,
      token: null,
      headers: { cookie, 'x-csrf-token': csrf, origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    const ok = await f.call('/api/v1/jobs', { ...create, token: null, headers: { cookie, 'x-csrf-token': csrf } });
    expect(ok.status).toBe(201);
    expect(((await (await f.call('/api/v1/jobs')).json()) as { jobs: unknown[] }).jobs).toHaveLength(1);
  });

  it('GET /api/v1/session gives the page its CSRF token', async () => {
    const { cookie, csrf } = await login();
    const me = (await (await f.call('/api/v1/session', { token: null, headers: { cookie } })).json()) as Record<string, unknown>;
    expect(me).toEqual({ tokenName: 'api-token', access: 'full', via: 'cookie', csrfToken: csrf });
  });

  it('a read-only session cannot change anything even with its CSRF token', async () => {
    const { cookie, csrf } = await login(READONLY);
    expect((await f.call('/api/v1/jobs', { ...create, token: null, headers: { cookie, 'x-csrf-token': csrf } })).status).toBe(403);
  });

  it('a forged or tampered cookie is 401', async () => {
    const { cookie } = await login();
    const tampered = cookie.replace(/api-token/, 'readonly-token');
    expect((await f.call('/api/v1/jobs', { token: null, headers: { cookie: tampered } })).status).toBe(401);
    expect((await f.call('/api/v1/jobs', { token: null, headers: { cookie: 'chime_session=a.b.c.d' } })).status).toBe(401);
  });

  it('a logged-in dashboard keeps working while its address is throttled for wrong tokens (an attacker on the same address or proxy cannot lock the owner out)', async () => {
    const { cookie, csrf } = await login();
    for (let i = 0; i < 10; i++) expect((await f.call('/api/v1/jobs', { token: `wrong-${i}-0123456789abcdef` })).status).toBe(401);
    expect((await f.call('/api/v1/jobs', { token: 'wrong-x-0123456789abcdef' })).status).toBe(429);
    expect((await f.call('/api/v1/jobs', { token: null, headers: { cookie } })).status).toBe(200);
    expect((await f.call('/api/v1/jobs', { ...create, token: null, headers: { cookie, 'x-csrf-token': csrf } })).status).toBe(201);
    // The throttle still holds for every guess: a bearer token, the login form, the login URL.
    expect((await f.call('/api/v1/jobs', { token: 'wrong-y-0123456789abcdef' })).status).toBe(429);
    expect((await f.call('/api/v1/jobs')).status).toBe(429);
    expect((await f.call('/api/v1/session', { method: 'POST', token: null, json: { token: FULL } })).status).toBe(429);
    expect((await fetch(`${f.url}/login?token=${FULL}`, { redirect: 'manual' })).status).toBe(429);
    // A bearer guess sent alongside a valid cookie is still a guess.
    expect((await f.call('/api/v1/jobs', { token: 'wrong-z-0123456789abcdef', headers: { cookie } })).status).toBe(429);
  });

  it('a stale cookie (its token rotated) is 401 but does not count as a guess: a dashboard tab left open does not lock the address out', async () => {
    const { cookie } = await login();
    const stale = cookie.replace(/\.[^.]+$/, `.${'A'.repeat(43)}`);
    for (let i = 0; i < 15; i++) expect((await f.call('/api/v1/jobs', { token: null, headers: { cookie: stale } })).status).toBe(401);
    expect((await f.call('/api/v1/session', { method: 'POST', token: null, json: { token: FULL } })).status).toBe(201);
  });

  it('a session expires after a week', async () => {
    const { cookie } = await login();
    f.clock.advance(8 * 24 * 3600_000);
    expect((await f.call('/api/v1/jobs', { token: null, headers: { cookie } })).status).toBe(401);
  });

  it('the one-click login URL sets the cookie and redirects to the dashboard; a wrong one is 401', async () => {
    const res = await fetch(`${f.url}/login?token=${FULL}`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect((await f.call('/api/v1/jobs', { token: null, headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${f.url}/`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${f.url}/login?token=nope-0123456789abcdefgh`, { redirect: 'manual' })).status).toBe(401);
    expect((await fetch(`${f.url}/login`, { redirect: 'manual' })).status).toBe(400);
  });
});

describe('runtime context', () => {
  it('jobs made through the API are owned by the token name and the call runs as entity type API', async () => {
    const seen: string[] = [];
    const { currentContext } = await import('../../src/core/runtime-context.js');
    const original = f.app.scheduler.createJob.bind(f.app.scheduler);
    f.app.scheduler.createJob = async (input) => {
      const ctx = currentContext();
      seen.push(`${ctx.entityType}:${ctx.sessionId}`);
      return original(input);
    };
    const job = (await (await f.call('/api/v1/jobs', create)).json()) as { owner: { platform: string; userId: string } };
    expect(seen).toEqual(['API:api_api-token']);
    expect(job.owner).toMatchObject({ platform: 'api', userId: 'api-token' });
  });
});
