import { EventFeed, type FeedFilter, beyondNewest } from '../../core/event-feed.js';
import { UserError } from '../../core/errors.js';
import { EVENT_TYPES, type EventType, type LoggedEvent } from '../../core/ports/event-log.js';
import { parseOptions } from '../args.js';
import { withContext } from '../context.js';
import type { CliIo } from '../io.js';

export const usage = 'chime events tail [--type <type>[,<type>…]] [--job <job id>] [--since <event id>] [--format line|json]';
export const summary = 'Follow the event log (job changes, runs, deliveries) until Ctrl-C';

/** One event per line: id, time, type, job, actor, body. */
export function eventLine(e: LoggedEvent): string {
  const actor = `${e.actor.type}${e.actor.name ? `:${e.actor.name}` : ''}`;
  return `${e.id} ${e.at.toISOString()} ${e.type} job=${e.jobId ?? '-'} by=${actor} ${JSON.stringify(e.body)}\n`;
}

function typesOf(value: string | undefined): EventType[] | undefined {
  if (value === undefined) return undefined;
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const wrong = names.filter((n) => !(EVENT_TYPES as readonly string[]).includes(n));
  if (wrong.length > 0 || names.length === 0) {
    throw new UserError(
      'cli.event_type',
      `Unknown event type "${wrong.join(', ') || value}". Use one or more of ${EVENT_TYPES.join(', ')}.`,
      '--type run.failed,delivery.dead',
    );
  }
  return names as EventType[];
}

function sinceOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UserError('cli.number', `--since must be an event id, 0 or more (got "${value}").`, '--since 0');
  return Number(value);
}

/** Resolves at Ctrl-C (SIGINT) or SIGTERM, or when `stop` aborts (tests). */
function untilStopped(stop?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    if (stop?.aborted) done();
    stop?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Follows the same log the API streams, straight from the store: woken by other processes'
 * commits (SQLite: the file watcher; PostgreSQL: LISTEN/NOTIFY) and reading every second besides.
 * Without --since it starts with the next event; --since 0 prints the whole log first.
 */
export async function run(argv: string[], io: CliIo & { stop?: AbortSignal }): Promise<number> {
  const opts = parseOptions(
    argv,
    { type: { type: 'string' }, job: { type: 'string' }, since: { type: 'string' }, format: { type: 'string' } },
    usage,
  );
  const types = typesOf(opts.type);
  const since = sinceOf(opts.since);
  if (opts.format !== undefined && opts.format !== 'line' && opts.format !== 'json') {
    throw new UserError('cli.format', `--format must be line or json (got "${opts.format}").`, '--format json');
  }
  const json = opts.format === 'json';
  const filter: FeedFilter = {
    ...(since !== undefined ? { since } : {}),
    ...(types ? { types } : {}),
    ...(opts.job ? { jobId: opts.job } : {}),
  };
  return withContext(io, async ({ events, clock }) => {
    const feed = new EventFeed(events, clock, { pollMs: 1000 });
    // Past the newest event the tail would wait, silent, until new events passed that id.
    const beyond = beyondNewest(since, await feed.newestId());
    if (beyond) {
      feed.close();
      throw new UserError('cli.since', `--since ${beyond}.`, '--since 0');
    }
    const sub = feed.subscribe(filter, (batch) => {
      io.stdout(
        batch
          .map((e) =>
            json
              ? `${JSON.stringify({ id: e.id, at: e.at.toISOString(), type: e.type, jobId: e.jobId, actor: e.actor, body: e.body })}\n`
              : eventLine(e),
          )
          .join(''),
      );
    });
    let failed: unknown;
    const stopped = untilStopped(io.stop);
    await Promise.race([stopped, sub.live.catch((err: unknown) => (failed = err))]);
    if (failed === undefined) await stopped;
    sub.close();
    feed.close();
    if (failed !== undefined) throw failed;
    return 0;
  });
}
