import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, createApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { parse } from '../../src/nl/parse.js';
import { readApiConfig } from '../../src/api/api-config.js';
import { type RunningApiServer, startApiServer } from '../../src/api/server.js';
import type { ApiToken } from '../../src/api/auth/tokens.js';
import { openStore } from '../../src/store/open-store.js';
import type { Adapter } from '../../src/chat/adapter.js';
import { PG_URL, freshSchema, dropSchema } from '../store/pg-harness.js';
import { openPostgresStore } from '../../src/store/postgres/index.js';

export const FULL = 'full-token-0123456789abcdef';
export const READONLY = 'read-token-0123456789abcdef';
export const TOKENS: ApiToken[] = [
  { name: 'api-token', access: 'full', secret: FULL },
  { name: 'readonly-token', access: 'read', secret: READONLY },
];

/** A real server on a free loopback port over a real store, with a ManualClock. */
export interface ApiFixture {
  app: App;
  server: RunningApiServer;
  clock: ManualClock;
  url: string;
  /** The SQLite file (sqlite backend). */
  dbPath: string;
  /** fetch against the server with the full token (unless headers say otherwise). */
  call(path: string, init?: RequestInit & { json?: unknown; token?: string | null }): Promise<Response>;
  close(): Promise<void>;
}

export async function startFixture(
  opts: {
    backend?: 'sqlite' | 'postgres';
    now?: string;
    tokens?: ApiToken[];
    /** An existing schema to share (several instances on one PostgreSQL schema); the caller drops it. */
    schema?: string;
    eventStream?: { keepAliveMs?: number; pollMs?: number; maxBufferedBytes?: number };
    /** CHIME_API_MEMORY: what API callers may do with notes. Default none. */
    memory?: 'none' | 'read' | 'readwrite';
    /** Readiness checks besides the store's (default: the app's adapters, none here). */
    readiness?: Record<string, () => Promise<boolean>>;
    /** Adapters given to the app (not started unless the test starts the app). */
    adapters?: Adapter[];
  } = {},
): Promise<ApiFixture> {
  const clock = new ManualClock(opts.now ?? '2026-11-22T10:00:00Z');
  const dir = mkdtempSync(join(tmpdir(), 'chime-api-'));
  const config = loadConfig({ CHIME_DB: join(dir, 'chime.db'), CHIME_TZ: 'Europe/Berlin', CHIME_API_MEMORY: opts.memory ?? 'none' });
  let schema: string | undefined;
  const store =
    opts.backend === 'postgres'
      ? await (async () => {
          // A shared schema is the caller's to drop; a fresh one is dropped with the fixture.
          if (opts.schema === undefined) schema = freshSchema();
          const notesApiAccess = opts.memory === 'readwrite' ? 'full' : (opts.memory ?? 'none');
          const s = await openPostgresStore(PG_URL, { schema: opts.schema ?? schema!, clock, poolSize: 3, notesApiAccess });
          return {
            jobs: s.jobs,
            notes: s.notes,
            prefs: s.prefs,
            conversations: s.conversations,
            events: s.jobs,
            agentUsage: s.agentUsage,
            instances: s.instances,
            kind: 'postgres' as const,
            startMaintenance: () => ({ stop: async () => {} }),
            close: () => s.close(),
          };
        })()
      : await openStore(config, clock);
  const app = createApp({ config, clock, logger: silentLogger(), store, ...(opts.adapters ? { adapters: opts.adapters } : {}) });
  const server = await startApiServer({
    config: { ...readApiConfig({ CHIME_HTTP_PORT: '0' }) },
    tokens: opts.tokens ?? TOKENS,
    scheduler: app.scheduler,
    parse,
    clock,
    defaultTimeZone: config.defaultTimeZone,
    maxTextLength: config.quotas.maxTextLength,
    logger: silentLogger(),
    events: store.events,
    notes: store.notes,
    readiness: opts.readiness ?? app.readiness(),
    ...(opts.eventStream ? { eventStream: opts.eventStream } : {}),
    taskEvents: (listener) => {
      app.scheduler.on('task-event', listener);
      return () => app.scheduler.off('task-event', listener);
    },
  });
  const call: ApiFixture['call'] = (path, init = {}) => {
    const { json, token, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token !== null && !headers.has('authorization')) headers.set('authorization', `Bearer ${token ?? FULL}`);
    if (json !== undefined) headers.set('content-type', 'application/json');
    return fetch(server.url + path, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
  };
  return {
    app,
    server,
    clock,
    url: server.url,
    dbPath: config.db,
    call,
    async close() {
      await server.close();
      await app.stop();
      if (schema) await dropSchema(schema);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A chat the tests' jobs report to. */
export const ORIGIN = { platform: 'telegram', chatId: '42' };
