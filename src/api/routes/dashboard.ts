import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { BUNDLE_FILE, bundleDashboard } from '../dashboard-bundle.js';

/**
 * Where the dashboard's files are: src/dashboard/ beside the sources, dist/src/dashboard/ in a
 * build (which also holds the bundled script; see bin/build.js).
 */
const DEFAULT_DIR = fileURLToPath(new URL('../../dashboard/', import.meta.url));

/**
 * The page allows only its own script, styles and API: nothing inline, nothing from elsewhere,
 * never framed (a framed dashboard could be clicked through by another site).
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Paths the page's own router handles: each serves the same page (a shared link opens its view). */
const PAGE_PATHS = ['/', '/jobs', '/jobs/*', '/runs', '/events'];

export interface DashboardDeps {
  /** The dashboard's directory (tests may point elsewhere). Default: beside this module. */
  dir?: string;
}

function send(reply: FastifyReply, type: string, body: string): FastifyReply {
  return reply
    .type(type)
    .header('cache-control', 'no-cache')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .send(body);
}

/**
 * Serves the web dashboard: its page (public: the page itself holds no data and asks the API
 * who is calling, showing a login form when nobody is), its script and its styles. The script
 * is read from the build, or bundled from the sources at the first request when the server runs
 * from them, once per server.
 */
export function registerDashboardRoutes(app: FastifyInstance, deps: DashboardDeps = {}): void {
  const dir = deps.dir ?? DEFAULT_DIR;
  const built = join(dir, BUNDLE_FILE);
  let script: Promise<string> | undefined;
  const loadScript = (): Promise<string> => {
    script ??= existsSync(built) ? Promise.resolve(readFileSync(built, 'utf8')) : bundleDashboard(dir);
    // A failed bundle is retried at the next request rather than remembered.
    script.catch(() => (script = undefined));
    return script;
  };
  const page = (): string => readFileSync(join(dir, 'index.html'), 'utf8');

  for (const url of PAGE_PATHS) {
    app.get(url, { config: { public: true } }, async (_request, reply) =>
      send(reply.header('content-security-policy', CSP), 'text/html; charset=utf-8', page()),
    );
  }
  app.get('/assets/app.js', { config: { public: true } }, async (_request, reply) =>
    send(reply, 'text/javascript; charset=utf-8', await loadScript()),
  );
  app.get('/assets/app.css', { config: { public: true } }, async (_request, reply) =>
    send(reply, 'text/css; charset=utf-8', readFileSync(join(dir, 'styles.css'), 'utf8')),
  );
  app.get('/assets/icon.svg', { config: { public: true } }, async (_request, reply) =>
    send(reply, 'image/svg+xml', readFileSync(join(dir, 'icon.svg'), 'utf8')),
  );
}
