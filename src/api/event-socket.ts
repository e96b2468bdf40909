import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { type WebSocket, WebSocketServer } from 'ws';
import { z } from 'zod';
import { type EventFeed, type FeedFilter, type FeedSubscription, beyondNewest } from '../core/event-feed.js';
import type { Clock } from '../core/ports/clock.js';
import { EVENT_TYPES, type EventType, type LoggedEvent } from '../core/ports/event-log.js';
import { type AuthDeps, authenticateParts, sameOrigin } from './auth/authenticate.js';
import { eventView } from './event-view.js';
import { ApiProblem } from './problem.js';
import { keepAlive, MAX_BUFFERED_BYTES } from './routes/events.js';

/** Where the WebSocket is served. */
export const EVENT_SOCKET_PATH = '/api/v1/ws';

/**
 * The WebSocket speaks the event names of the seed's WebSocket API; events they do not name
 * (a run released at shutdown, delivery outcomes) keep their own type. The map, for the README:
 *
 *   schedule_update   job.created, job.updated, job.paused, job.resumed, job.status (to any status but cancelled)
 *   schedule_removed  job.deleted, job.status to cancelled
 *   task_started      run.started
 *   task_finished     run.succeeded, run.skipped
 *   task_error        run.failed, run.retry, run.abandoned
 */
export function socketEventName(e: Pick<LoggedEvent, 'type' | 'body'>): string {
  switch (e.type) {
    case 'job.created':
    case 'job.updated':
    case 'job.paused':
    case 'job.resumed':
      return 'schedule_update';
    case 'job.status':
      return e.body.to === 'cancelled' ? 'schedule_removed' : 'schedule_update';
    case 'job.deleted':
      return 'schedule_removed';
    case 'run.started':
      return 'task_started';
    case 'run.succeeded':
    case 'run.skipped':
      return 'task_finished';
    case 'run.failed':
    case 'run.retry':
    case 'run.abandoned':
      return 'task_error';
    default:
      return e.type;
  }
}

const SEED_NAMES = ['schedule_update', 'schedule_removed', 'task_started', 'task_finished', 'task_error'] as const;

/** Our event types behind each seed name, for a filter naming seed events. */
const typesOfSeedName: Record<(typeof SEED_NAMES)[number], EventType[]> = {
  schedule_update: ['job.created', 'job.updated', 'job.paused', 'job.resumed', 'job.status'],
  schedule_removed: ['job.deleted', 'job.status'],
  task_started: ['run.started'],
  task_finished: ['run.succeeded', 'run.skipped'],
  task_error: ['run.failed', 'run.retry', 'run.abandoned'],
};

const subscribeMessage = z.object({
  type: z.literal('subscribe'),
  filter: z
    .object({
      types: z.array(z.enum([...SEED_NAMES, ...EVENT_TYPES])).optional(),
      job_id: z.string().min(1).max(100).optional(),
    })
    .optional(),
  resume_from: z.number().int().min(0).optional(),
});

/** A subscription's filter: seed names become our types (the feed's filter), and the names themselves filter what is sent. */
function filterOf(msg: z.output<typeof subscribeMessage>): { feed: FeedFilter; names: Set<string> | undefined } {
  const asked = msg.filter?.types;
  const types = asked
    ? [...new Set(asked.flatMap((t) => (t in typesOfSeedName ? typesOfSeedName[t as keyof typeof typesOfSeedName] : [t as EventType])))]
    : undefined;
  const feed: FeedFilter = {
    ...(msg.resume_from !== undefined ? { since: msg.resume_from } : {}),
    ...(types ? { types } : {}),
    ...(msg.filter?.job_id !== undefined ? { jobId: msg.filter.job_id } : {}),
  };
  return { feed, names: asked ? new Set(asked) : undefined };
}

export interface EventSocketDeps {
  feed: EventFeed;
  auth: AuthDeps;
  clock: Clock;
  keepAliveMs?: number;
  maxBufferedBytes?: number;
}

/**
 * `GET /api/v1/ws`: the event log over a WebSocket (the `ws` package on the Fastify server's
 * upgrade event: Fastify's hooks do not see upgrades, so the request is authenticated here by
 * the same check, and with a cookie only from this server's own pages). After
 * `{type:'subscribe', filter:{types?, job_id?}, resume_from?}` the socket receives
 * `{type:<name>, event:{id, at, type, jobId, actor, body}}` per event (see socketEventName),
 * from `resume_from` (exclusive) or from now; a new subscribe replaces the previous one.
 */
export function registerEventSocket(app: FastifyInstance, deps: EventSocketDeps): void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== EVENT_SOCKET_PATH) {
      socket.destroy();
      return;
    }
    try {
      const auth = authenticateParts(deps.auth, {
        ip: req.socket.remoteAddress ?? '',
        method: 'GET',
        headers: req.headers,
        cookies: req.headers.cookie ? app.parseCookie(req.headers.cookie) : {},
      });
      // A page of another site may open a socket with the browser's cookie (no CORS for WebSockets).
      if (auth.via === 'cookie' && typeof req.headers.origin === 'string' && !sameOrigin(req.headers.origin, req.headers.host)) {
        throw new ApiProblem(403, 'csrf', 'Cross-site request refused', `A WebSocket from ${req.headers.origin} may not read here.`);
      }
    } catch (err) {
      const p = err instanceof ApiProblem ? err : new ApiProblem(500, 'internal', 'Internal error', 'The request failed.');
      const body = JSON.stringify({ type: `/problems/${p.kind}`, title: p.title, status: p.status, detail: p.message });
      socket.end(
        `HTTP/1.1 ${p.status} ${p.title}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, deps));
  };
  app.server.on('upgrade', onUpgrade);
  app.addHook('preClose', async () => {
    app.server.off('upgrade', onUpgrade);
    for (const ws of wss.clients) ws.close(1001, 'server closing');
    wss.close();
  });
}

function serve(ws: WebSocket, deps: EventSocketDeps): void {
  let sub: FeedSubscription | undefined;
  /** Counts subscribe messages: only the latest one's subscription is made. */
  let generation = 0;
  const stop = new AbortController();
  const send = (msg: unknown): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };
  // Close frame queued behind what the client has not read: it learns why once it catches up.
  const fellBehind = (): void => {
    sub?.close();
    ws.close(1013, 'fell behind: subscribe again with resume_from set to the last event id received');
  };
  ws.on('message', (data, isBinary) => {
    let parsed: unknown;
    try {
      parsed = isBinary ? undefined : JSON.parse(String(data));
    } catch {
      parsed = undefined;
    }
    const msg = subscribeMessage.safeParse(parsed);
    if (!msg.success) {
      send({
        type: 'error',
        error: `Not a subscription. Send {"type":"subscribe","filter":{"types":["task_started"],"job_id":"k7m2qd"},"resume_from":0} (filter and resume_from optional): ${msg.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ')}`,
      });
      return;
    }
    sub?.close();
    sub = undefined;
    void subscribe(msg.data, ++generation);
  });
  const subscribe = async (data: z.output<typeof subscribeMessage>, mine: number): Promise<void> => {
    let beyond: string | undefined;
    try {
      beyond = beyondNewest(data.resume_from, await deps.feed.newestId());
    } catch {
      return ws.close(1011, 'reading the event log failed');
    }
    // A newer subscribe (or the close) came while the log was read: that one counts.
    if (mine !== generation || stop.signal.aborted) return;
    if (beyond) return send({ type: 'error', error: `resume_from ${beyond}.` });
    const { feed, names } = filterOf(data);
    const subscription = deps.feed.subscribe(feed, (events) => {
      // Checked per batch, as the SSE stream does: a reader is behind when earlier batches are still unsent.
      if (ws.bufferedAmount > (deps.maxBufferedBytes ?? MAX_BUFFERED_BYTES)) return fellBehind();
      const out: string[] = [];
      for (const e of events) {
        const name = socketEventName(e);
        // schedule_removed asks for job.status to cancelled only, schedule_update for the others.
        if (names && !names.has(name) && !names.has(e.type)) continue;
        out.push(JSON.stringify({ type: name, event: eventView(e) }));
      }
      if (out.length === 0 || ws.readyState !== ws.OPEN) return;
      for (const m of out.slice(0, -1)) ws.send(m);
      // Settles once the batch is handed to the connection (or the socket failed): the backlog
      // read waits for it (EventFeed's Deliver), so a replay is paced by the reader.
      return new Promise<void>((resolve) => ws.send(out.at(-1)!, () => resolve()));
    });
    sub = subscription;
    send({ type: 'subscribed', resume_from: data.resume_from ?? null });
    subscription.live.catch(() => ws.close(1011, 'reading the event log failed'));
  };
  ws.on('close', () => {
    stop.abort();
    sub?.close();
  });
  void keepAlive(deps.clock, deps.keepAliveMs ?? 15_000, stop.signal, () => ws.ping());
}

/** The WebSocket in the OpenAPI document (an upgrade, outside the route table). */
export const eventSocketPaths: Record<string, unknown> = {
  [EVENT_SOCKET_PATH]: {
    get: {
      operationId: 'eventSocket',
      summary: 'The event log live over a WebSocket',
      description:
        'Upgrade to a WebSocket, then send {"type":"subscribe","filter":{"types":[...],"job_id":"..."},"resume_from":<id>}. Messages: {"type":<name>,"event":{id, at, type, jobId, actor, body}}, names schedule_update, schedule_removed, task_started, task_finished, task_error (others keep their event type). Same authentication as GET routes.',
      tags: ['events'],
      responses: { 101: { description: 'Switching to the WebSocket protocol' }, 401: { description: 'Not authenticated' } },
    },
  },
};
