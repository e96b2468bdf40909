import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type EventFeed, type FeedFilter, beyondNewest } from '../../core/event-feed.js';
import type { Clock } from '../../core/ports/clock.js';
import type { EventLog, LoggedEvent } from '../../core/ports/event-log.js';
import { eventDoc, eventFilterQuery, eventView, lastEventIdOf, listEventsQuery } from '../event-view.js';
import { problemDoc } from '../job-schemas.js';
import { validationProblem } from '../problem.js';
import type { RouteTable } from '../route-table.js';

export interface EventRoutesDeps {
  log: EventLog;
  feed: EventFeed;
  clock: Clock;
  /** Comment line sent on an idle stream so proxies keep it open (ms). Default 15 s. */
  keepAliveMs?: number;
  /** Unsent output past which a client that stopped reading is closed. Default MAX_BUFFERED_BYTES. */
  maxBufferedBytes?: number;
}

/**
 * A client that stopped reading (SSE or WebSocket): past this much unsent output its stream is
 * closed, so one stalled reader cannot make the server hold the whole event log in memory. It
 * resumes where it was (SSE: Last-Event-ID; WebSocket: resume_from).
 */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/**
 * Each event's message, made once: the feed hands every client the same event objects, so a
 * hundred clients cost one JSON.stringify per event, not a hundred.
 */
const messages = new WeakMap<LoggedEvent, string>();

/** A batch's messages, made once for every client handed the same batch (see EventFeed.hand). */
const batches = new WeakMap<LoggedEvent[], string>();
function sseBatch(events: LoggedEvent[]): string {
  let text = batches.get(events);
  if (text === undefined) {
    text = events.map(sseMessage).join('');
    batches.set(events, text);
  }
  return text;
}

/** One event as an SSE message: `id:` the event id, `event:` its type, `data:` its JSON. */
export function sseMessage(e: LoggedEvent): string {
  let m = messages.get(e);
  if (m === undefined) {
    m = `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(eventView(e))}\n\n`;
    messages.set(e, m);
  }
  return m;
}

const eventsPage = z.object({
  events: z.array(eventDoc),
  next: z.number().int().describe('The id to pass as since for the next page (the last id of this one, or since when empty).'),
  more: z.boolean().describe('Whether this page is full: more events may follow at once.'),
  newest: z
    .number()
    .int()
    .describe('The newest event id in the log (0 when empty): where a reader that wants only what comes next resumes from.'),
});

/**
 * The event log over HTTP: `GET /api/v1/events` pages through it, `GET /api/v1/events/stream`
 * follows it as Server-Sent Events. Both read the EventLog port; the stream is served by the
 * shared EventFeed (one reader however many clients).
 */
export function registerEventRoutes(app: FastifyInstance, routes: RouteTable, deps: EventRoutesDeps): void {
  routes.add({
    method: 'GET',
    url: '/api/v1/events',
    operationId: 'listEvents',
    summary: 'The event log (audit log), oldest first, after an id',
    description:
      'Every job change, run start and outcome, and delivery outcome, with who caused it. Page with since=<next> until more is false.',
    tags: ['events'],
    query: listEventsQuery,
    responses: {
      200: { description: 'Events in id order', schema: eventsPage },
      400: { description: 'Invalid query', schema: problemDoc },
    },
    handler: async ({ query }) => {
      const newest = await deps.log.lastEventId();
      const beyond = beyondNewest(query.since, newest);
      if (beyond) throw validationProblem([{ field: 'query.since', message: beyond }]);
      const since = query.since ?? 0;
      const limit = query.limit ?? 100;
      const events = await deps.log.listEvents({
        since,
        limit,
        ...(query.type ? { types: query.type } : {}),
        ...(query.job_id !== undefined ? { jobId: query.job_id } : {}),
      });
      return { events: events.map(eventView), next: events.at(-1)?.id ?? since, more: events.length === limit, newest };
    },
  });

  const open = new Set<() => void>();
  // Streams never end by themselves: close them so the server can close.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  routes.add({
    method: 'GET',
    url: '/api/v1/events/stream',
    operationId: 'streamEvents',
    summary: 'The event log live, as Server-Sent Events',
    description:
      'text/event-stream: each event as `id: <id>`, `event: <type>`, `data: {id, at, type, jobId, actor, body}`. Reconnect with the Last-Event-ID header (or since=) to resume with nothing lost or repeated; without either the stream starts with the next event. A comment line every 15 s keeps idle connections open.',
    tags: ['events'],
    query: eventFilterQuery,
    responses: {
      200: { description: 'An endless text/event-stream' },
      400: { description: 'Invalid query or Last-Event-ID', schema: problemDoc },
    },
    handler: async ({ query, request, reply }) => {
      const header = lastEventIdOf(request.headers['last-event-id']);
      if (Number.isNaN(header)) {
        throw validationProblem([
          { field: 'header.last-event-id', message: 'must be an event id (a whole number)', fix: 'e.g. Last-Event-ID: 42' },
        ]);
      }
      // A reconnecting EventSource sends Last-Event-ID with the URL it first used: the header is newer.
      const since = header ?? query.since;
      const beyond = beyondNewest(since, await deps.log.lastEventId());
      if (beyond) throw validationProblem([{ field: header !== undefined ? 'header.last-event-id' : 'query.since', message: beyond }]);
      const filter: FeedFilter = {
        ...(since !== undefined ? { since } : {}),
        ...(query.type ? { types: query.type } : {}),
        ...(query.job_id !== undefined ? { jobId: query.job_id } : {}),
      };
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(': chime events\n\n');
      const stop = new AbortController();
      let sub: ReturnType<EventFeed['subscribe']> | undefined;
      const end = (): void => {
        if (stop.signal.aborted) return;
        stop.abort();
        sub?.close();
        open.delete(end);
        res.end();
      };
      open.add(end);
      request.raw.on('close', end);
      res.on('error', end);
      sub = deps.feed.subscribe(filter, (events) => {
        if (res.writableLength > (deps.maxBufferedBytes ?? MAX_BUFFERED_BYTES)) return end();
        if (!res.write(sseBatch(events))) return drained(res);
      });
      sub.live.catch((err: unknown) => {
        request.log.warn({ err }, 'event stream: reading the backlog failed');
        end();
      });
      void keepAlive(deps.clock, deps.keepAliveMs ?? 15_000, stop.signal, () => res.write(': keep-alive\n\n'));
    },
  });
}

/** Settles when `res` has written out what it holds, or has closed (the backlog read then stops). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Calls `ping` every `everyMs` on the clock until `signal` aborts. */
export async function keepAlive(clock: Clock, everyMs: number, signal: AbortSignal, ping: () => void): Promise<void> {
  while (!signal.aborted) {
    try {
      await clock.sleepUntil(new Date(clock.now().getTime() + everyMs), signal);
    } catch {
      return;
    }
    if (!signal.aborted) ping();
  }
}
