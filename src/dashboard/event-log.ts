import type { Api } from './api.js';
import type { LiveEvent } from './types.js';

/** Every event type the log records (src/core/ports/event-log.ts), grouped for the audit log's filter. */
export const EVENT_GROUPS: Array<[label: string, types: string[]]> = [
  ['Job changes', ['job.created', 'job.updated', 'job.deleted', 'job.paused', 'job.resumed', 'job.status']],
  ['Runs', ['run.started', 'run.succeeded', 'run.failed', 'run.retry', 'run.skipped', 'run.abandoned', 'run.released']],
  ['Deliveries', ['delivery.sent', 'delivery.failed', 'delivery.dead']],
];

type Page = { events: LiveEvent[]; next: number; more: boolean; newest: number };

/**
 * The newest event id in the log (0 when it is empty), as the list reports it. It gives the
 * live stream a place to resume from before any event arrived (a page that saw none would
 * otherwise miss those of an outage) and the audit log its newest window. (It was probed with
 * since= beyond the end, which the API now refuses: such a reader would skip new events.)
 */
export async function newestEventId(api: Api, signal?: AbortSignal): Promise<number> {
  return (await api.get<Page>('/api/v1/events?limit=1', signal ? { signal } : {})).newest;
}
