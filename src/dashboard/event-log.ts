import type { Api } from './api.js';
import type { LiveEvent } from './types.js';

/** Every event type the log records (src/core/ports/event-log.ts), grouped for the audit log's filter. */
export const EVENT_GROUPS: Array<[label: string, types: string[]]> = [
  ['Job changes', ['job.created', 'job.updated', 'job.deleted', 'job.paused', 'job.resumed', 'job.status']],
  ['Runs', ['run.started', 'run.succeeded', 'run.failed', 'run.retry', 'run.skipped', 'run.abandoned', 'run.released']],
  ['Deliveries', ['delivery.sent', 'delivery.failed', 'delivery.dead']],
];

type Page = { events: LiveEvent[]; next: number; more: boolean };

const after = (api: Api, since: number, signal?: AbortSignal): Promise<Page> =>
  api.get<Page>(`/api/v1/events?since=${since}&limit=1`, signal ? { signal } : {});

/**
 * The newest event id in the log (0 when it is empty). The log pages forwards only, so this
 * probes: doubling `since` until nothing follows, then halving the gap: about 2·log2(id)
 * one-row reads, some 40 for a million events. It gives the live stream a place to resume
 * from before any event arrived (a page that saw none would otherwise miss those of an outage)
 * and the audit log its newest window.
 */
export async function newestEventId(api: Api, signal?: AbortSignal): Promise<number> {
  if ((await after(api, 0, signal)).events.length === 0) return 0;
  let low = 0;
  let high = 1024;
  while ((await after(api, high, signal)).events.length > 0) {
    low = high;
    high *= 2;
  }
  // Some event has an id above `low`, none above `high`: the newest is in (low, high].
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if ((await after(api, mid, signal)).events.length > 0) low = mid;
    else high = mid;
  }
  return high;
}
