// The dashboard's files as the server sends them: the page at every address its router knows
// (without a token: the page holds no data), the bundled script and styles, and a content
// security policy that allows nothing from elsewhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiFixture, startFixture } from './api-harness.js';

describe('dashboard route', () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await startFixture();
  });
  afterAll(async () => f.close());

  it('serves the page at each of its views, without a token, with a strict CSP', async () => {
    for (const path of ['/', '/jobs', '/jobs/k7m2qd', '/jobs/new', '/jobs/k7m2qd/edit', '/runs', '/events']) {
      const res = await f.call(path, { token: null });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(await res.text()).toContain('<script type="module" src="/assets/app.js">');
    }
  });

  it('serves the browser bundle (one script, no Node module in it) and the styles', async () => {
    const js = await f.call('/assets/app.js', { token: null });
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('text/javascript');
    const code = await js.text();
    expect(code).toContain('/api/v1/session');
    expect(code).not.toMatch(/from\s*["']node:|require\(/);
    const css = await f.call('/assets/app.css', { token: null });
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(await css.text()).toContain('prefers-color-scheme: dark');
  });

  it('API paths keep their own answers: unknown ones are a 404 problem, not the page', async () => {
    const res = await f.call('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
