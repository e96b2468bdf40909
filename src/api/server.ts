import cookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Logger } from 'pino';
import { EventFeed } from '../core/event-feed.js';
import type { Clock } from '../core/ports/clock.js';
import type { EventLog } from '../core/ports/event-log.js';
import type { NotesStore } from '../core/ports/notes-store.js';
import type { SchedulerApi } from '../core/scheduler-api.js';
import type { ParseResult } from '../nl/types.js';
import type { ApiConfig } from './api-config.js';
import { assertSafeBinding } from './api-config.js';
import { authenticate } from './auth/authenticate.js';
import { BadTokenLimiter } from './auth/bad-token-limiter.js';
import type { ApiToken } from './auth/tokens.js';
import { eventSocketPaths, registerEventSocket } from './event-socket.js';
import { ApiProblem, sendProblem, toProblem } from './problem.js';
import { RouteTable } from './route-table.js';
import { type TaskEventSource, trackRuns } from './run-metrics.js';
import { createMetrics } from './metrics.js';
import { type ReadinessCheck, registerHealthRoutes } from './routes/health.js';
import { registerBulkRoutes } from './routes/bulk.js';
import { registerEventRoutes } from './routes/events.js';
import { registerDashboardRoutes } from './routes/dashboard.js';
import { registerJobRoutes } from './routes/jobs.js';
import { registerNoteRoutes } from './routes/notes.js';
import { registerRunRoutes } from './routes/runs.js';
import { registerSeedAliases } from './routes/seed-aliases.js';
import { registerSessionRoutes } from './routes/session.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Served without authentication (health, login, the OpenAPI document). */
    public?: boolean;
  }
}

export interface ApiServerDeps {
  config: Pick<ApiConfig, 'host' | 'port' | 'bodyLimit' | 'token' | 'readonlyToken'>;
  /** Tokens in force (see resolveTokens). */
  tokens: ApiToken[];
  scheduler: SchedulerApi;
  /** The chat's parser, for `when` and `POST /api/v1/parse`. */
  parse: (text: string, opts: { now: Date; timeZone: string }) => ParseResult;
  clock: Clock;
  defaultTimeZone: string;
  maxTextLength: number;
  logger: Logger;
  readiness?: Record<string, ReadinessCheck>;
  /** The scheduler's run events, for run metrics (outcomes, lateness, duration). */
  taskEvents?: TaskEventSource;
  /** Chime's version, for the OpenAPI document. */
  version?: string;
  /** People's notes, for `/api/v1/notes/…`; the store enforces CHIME_API_MEMORY. Without it those routes are absent. */
  notes?: NotesStore;
  /** The event log: `/api/v1/events`, its SSE stream and the WebSocket. Without it those routes are absent. */
  events?: EventLog;
  /** Stream timing and limits (tests shorten them): keep-alive comment interval, the feed's backstop poll (ms), a stalled reader's unsent bytes. */
  eventStream?: { keepAliveMs?: number; pollMs?: number; maxBufferedBytes?: number };
}

/** The HTTP API, built but not listening. */
export function buildApiServer(deps: ApiServerDeps): FastifyInstance {
  const app = Fastify({
    // pino's Logger and Fastify's logger type differ only in generics; it is the same object.
    loggerInstance: deps.logger.child({ component: 'http' }) as unknown as FastifyBaseLogger,
    // One line per request would drown the bot's own log; failures are logged by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.config.bodyLimit,
    // Behind no proxy by default: request.ip is the peer, which the bad-token limit counts.
    trustProxy: false,
    // The router's own refusals (a malformed %-escape, a path segment over its length limit)
    // are problems like every other answer, not Fastify's {"error","code"} shape.
    frameworkErrors: (err, request, reply) => {
      void sendProblem(reply, toProblem(err).problem, request.url);
    },
  });
  const nowMs = () => deps.clock.now().getTime();
  const authDeps = { tokens: deps.tokens, limiter: new BadTokenLimiter(nowMs), nowMs };
  const { registry, httpDuration, scrape } = createMetrics(deps.scheduler, nowMs);
  const stopTracking = deps.taskEvents ? trackRuns(registry, deps.taskEvents, nowMs) : undefined;
  app.addHook('onClose', async () => stopTracking?.());

  void app.register(cookie);
  // JSON only: a text body would reach the schemas as a string and fail with a less useful message.
  app.removeContentTypeParser('text/plain');
  app.addHook('onRequest', async (request, reply) => {
    // An empty body sent as JSON (many clients label every POST so) is no body, not malformed
    // JSON: `POST /jobs/{id}/pause` with Content-Type: application/json and nothing else works.
    const length = request.headers['content-length'];
    if (length === '0' || (length === undefined && request.headers['transfer-encoding'] === undefined))
      delete request.headers['content-type'];
    if (request.routeOptions.config.public === true) return;
    await authenticate(authDeps)(request, reply);
  });
  app.addHook('onResponse', async (request, reply) => {
    httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unknown', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  app.setErrorHandler(async (err, request, reply) => {
    const { problem, internal } = toProblem(err);
    if (internal) request.log.error({ err, url: request.url, method: request.method }, 'API request failed');
    return sendProblem(reply, problem, request.url);
  });
  app.setNotFoundHandler(async (request, reply) =>
    sendProblem(
      reply,
      new ApiProblem(
        404,
        'not-found',
        'Not found',
        `No route ${request.method} ${request.url.split('?')[0]}; GET /api/openapi.json lists them.`,
      ),
      request.url,
    ),
  );

  const routes = new RouteTable(app);
  const input = {
    parse: deps.parse,
    now: () => deps.clock.now(),
    defaultTimeZone: deps.defaultTimeZone,
    maxTextLength: deps.maxTextLength,
  };
  registerSessionRoutes(routes, authDeps);
  registerJobRoutes(routes, { scheduler: deps.scheduler, input });
  registerBulkRoutes(routes, deps.scheduler);
  registerRunRoutes(routes, { scheduler: deps.scheduler, input });
  registerSeedAliases(routes, { scheduler: deps.scheduler, input });
  if (deps.notes) registerNoteRoutes(routes, deps.notes);
  if (deps.events) {
    const feed = new EventFeed(deps.events, deps.clock, {
      logger: deps.logger,
      ...(deps.eventStream?.pollMs !== undefined ? { pollMs: deps.eventStream.pollMs } : {}),
    });
    app.addHook('onClose', async () => feed.close());
    const { keepAliveMs, maxBufferedBytes } = deps.eventStream ?? {};
    const timing = {
      ...(keepAliveMs !== undefined ? { keepAliveMs } : {}),
      ...(maxBufferedBytes !== undefined ? { maxBufferedBytes } : {}),
    };
    registerEventRoutes(app, routes, { log: deps.events, feed, clock: deps.clock, ...timing });
    registerEventSocket(app, { feed, auth: authDeps, clock: deps.clock, ...timing });
  }
  const info = {
    title: 'Chime API',
    version: deps.version ?? '1',
    description: 'Jobs, runs and schedules of a Chime instance. Authenticate with "Authorization: Bearer <token>".',
  };
  registerHealthRoutes(routes, {
    scheduler: deps.scheduler,
    ...(deps.readiness ? { readiness: deps.readiness } : {}),
    scrape,
    contentType: registry.contentType,
    document: () => routes.document(info, deps.events ? eventSocketPaths : {}),
  });
  // The web dashboard, where the login URL lands.
  registerDashboardRoutes(app);
  return app;
}

/** A listening API server and how to reach it. */
export interface RunningApiServer {
  app: FastifyInstance;
  /** `http://127.0.0.1:8787`, with the port actually bound. */
  url: string;
  close(): Promise<void>;
}

/**
 * Builds and starts the server on the configured address. A non-loopback address without a
 * configured token is refused before anything binds (see assertSafeBinding).
 */
export async function startApiServer(deps: ApiServerDeps): Promise<RunningApiServer> {
  assertSafeBinding(deps.config);
  const app = buildApiServer(deps);
  await app.listen({ host: deps.config.host, port: deps.config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : deps.config.port;
  const host = deps.config.host.includes(':') ? `[${deps.config.host}]` : deps.config.host;
  return { app, url: `http://${host}:${port}`, close: () => app.close() };
}
