import { dirname, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { Clock } from '../core/ports/clock.js';
import type { EventLog } from '../core/ports/event-log.js';
import type { NotesStore } from '../core/ports/notes-store.js';
import type { SchedulerApi } from '../core/scheduler-api.js';
import type { ParseResult } from '../nl/types.js';
import { type ApiConfig, ApiConfigError } from './api-config.js';
import { resolveTokens } from './auth/tokens.js';
import type { TaskEventSource } from './run-metrics.js';
import type { ReadinessCheck } from './routes/health.js';
import { type RunningApiServer, startApiServer } from './server.js';

export interface HttpStartOptions {
  api: ApiConfig;
  /** The SQLite file's path: the generated token is kept in its directory (the data directory). */
  db: string;
  scheduler: SchedulerApi;
  parse: (text: string, opts: { now: Date; timeZone: string }) => ParseResult;
  clock: Clock;
  defaultTimeZone: string;
  maxTextLength: number;
  logger: Logger;
  readiness?: Record<string, ReadinessCheck>;
  taskEvents?: TaskEventSource;
  events?: EventLog;
  notes?: NotesStore;
}

/** The running server and what to tell the person who started Chime. */
export interface StartedHttp {
  server: RunningApiServer;
  /** Lines for the terminal: the dashboard's URL, and the one-click login URL when Chime made the token. */
  banner: string[];
}

/**
 * Starts the HTTP API for `chime start`. Tokens come from the settings, or from the token kept
 * in the data directory (made now at first start). An address already in use is a setting to
 * change, reported like any other (one line, exit 1), not a stack trace.
 */
export async function startHttp(opts: HttpStartOptions): Promise<StartedHttp> {
  const dataDir = dirname(resolve(opts.db === ':memory:' ? './data/chime.db' : opts.db));
  const tokens = resolveTokens(opts.api, dataDir);
  let server: RunningApiServer;
  try {
    server = await startApiServer({
      config: opts.api,
      tokens: tokens.tokens,
      scheduler: opts.scheduler,
      parse: opts.parse,
      clock: opts.clock,
      defaultTimeZone: opts.defaultTimeZone,
      maxTextLength: opts.maxTextLength,
      logger: opts.logger,
      ...(opts.readiness ? { readiness: opts.readiness } : {}),
      ...(opts.taskEvents ? { taskEvents: opts.taskEvents } : {}),
      ...(opts.events ? { events: opts.events } : {}),
      ...(opts.notes ? { notes: opts.notes } : {}),
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EADDRNOTAVAIL' || code === 'EACCES') {
      const why =
        code === 'EADDRINUSE'
          ? 'is already in use'
          : code === 'EACCES'
            ? 'may not be opened by this user'
            : 'is not an address of this machine';
      throw new ApiConfigError(
        `CHIME_HTTP_HOST=${opts.api.host} CHIME_HTTP_PORT=${opts.api.port} ${why}. Fix: set CHIME_HTTP_PORT to a free port (or CHIME_HTTP_HOST to an address of this machine), or CHIME_HTTP=off.`,
      );
    }
    throw err;
  }
  const banner = [`Dashboard and API: ${server.url}/ (OpenAPI: ${server.url}/api/openapi.json)`];
  if (tokens.generated) {
    banner.push(
      `Log in: ${server.url}/login?token=${tokens.generated.secret}`,
      `  (token ${tokens.generated.created ? 'made now and ' : ''}kept in ${tokens.generated.file}; API clients send "Authorization: Bearer <token>")`,
    );
  }
  return { server, banner };
}
