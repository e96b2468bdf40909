import { ApiError } from './api.js';
import { EVENT_GROUPS, newestEventId } from './event-log.js';
import type { Ctx, View } from './context.js';
import { h, replace } from './dom.js';
import { localTime } from './time.js';
import type { LiveEvent } from './types.js';

/** Events kept on the page; older ones drop off the bottom. */
const KEEP = 500;
const PAGE = 1000;
/** How far back (in event ids) the history is read at first, widened while it finds few events. */
const WINDOWS = [2_000, 20_000, Number.POSITIVE_INFINITY];
const ENOUGH = 100;

function actor(e: LiveEvent): string {
  if (!e.actor) return '';
  return e.actor.name ? `${e.actor.type} ${e.actor.name}` : e.actor.type;
}

function summary(e: LiveEvent): string {
  const b = e.body;
  const parts = ['from', 'to', 'status', 'error', 'reason', 'name']
    .filter((k) => b[k] !== undefined && b[k] !== null)
    .map((k) => `${k}: ${typeof b[k] === 'string' ? b[k] : JSON.stringify(b[k])}`);
  return parts.join(', ');
}

/**
 * The audit log: what happened to jobs, runs and deliveries, and who did it, newest first, new
 * events fading in as the live stream brings them. Filters by type and job are kept in the
 * address (`/events?type=run.failed&job_id=k7m2qd`).
 */
export function eventsView(ctx: Ctx, root: HTMLElement): View {
  const params = new URLSearchParams(location.search);
  const type = params.get('type') ?? '';
  const jobId = params.get('job_id') ?? '';
  const abort = new AbortController();
  const list = h('ol', { class: 'events', 'aria-label': 'Events, newest first' });
  const note = h('p', { class: 'muted', 'aria-live': 'polite' });
  const wanted = (e: LiveEvent): boolean => (!type || type.split(',').includes(e.type)) && (!jobId || e.jobId === jobId);

  const item = (e: LiveEvent, fresh: boolean): HTMLElement =>
    h(
      'li',
      { class: fresh ? 'fresh' : '', 'data-event': e.id, 'data-type': e.type },
      h('time', { datetime: e.at }, localTime(e.at)),
      h('span', { class: `event-type t-${e.type.split('.')[0]}` }, e.type),
      e.jobId ? h('a', { href: `/jobs/${encodeURIComponent(e.jobId)}` }, e.jobId) : h('span', {}, '—'),
      h('span', { class: 'muted' }, actor(e)),
      h('span', { class: 'event-body' }, summary(e)),
    );

  const add = (e: LiveEvent, fresh: boolean): void => {
    // Newest first, by id: history read while live events arrive still lands in order.
    const older = [...list.children].find((li) => Number((li as HTMLElement).dataset.event) < e.id);
    list.insertBefore(item(e, fresh), older ?? null);
    while (list.childElementCount > KEEP) list.lastElementChild?.remove();
  };

  /** Events after `since` matching the filters, all pages; the newest KEEP of them. */
  const readFrom = async (since: number): Promise<LiveEvent[]> => {
    let events: LiveEvent[] = [];
    for (let from = since; ; ) {
      const q = new URLSearchParams({
        since: String(from),
        limit: String(PAGE),
        ...(type ? { type } : {}),
        ...(jobId ? { job_id: jobId } : {}),
      });
      const got = await ctx.api.get<{ events: LiveEvent[]; next: number; more: boolean }>(`/api/v1/events?${q}`, { signal: abort.signal });
      events = [...events, ...got.events].slice(-KEEP);
      if (!got.more) return events;
      from = got.next;
    }
  };

  const load = async (): Promise<void> => {
    try {
      const newest = await newestEventId(ctx.api, abort.signal);
      let events: LiveEvent[] = [];
      for (const window of WINDOWS) {
        events = await readFrom(Math.max(0, newest - window));
        if (events.length >= ENOUGH || newest - window <= 0) break;
      }
      for (const e of events) if (!list.querySelector(`[data-event="${e.id}"]`)) add(e, false);
      replace(note, events.length === 0 && list.childElementCount === 0 ? 'No events yet. New ones appear here as they happen.' : '');
    } catch (err) {
      if (abort.signal.aborted) return;
      replace(
        note,
        err instanceof ApiError && err.status === 404
          ? 'This server keeps no event log; live events still appear here.'
          : (err as Error).message,
      );
    }
  };

  const typeFilter = h('select', { name: 'type', 'aria-label': 'Event type' }, h('option', { value: '' }, 'All events'));
  for (const [label, types] of EVENT_GROUPS) {
    typeFilter.append(h('option', { value: types.join(','), selected: type === types.join(',') }, label));
    for (const t of types) typeFilter.append(h('option', { value: t, selected: type === t }, `  ${t}`));
  }
  const jobFilter = h('input', { name: 'job_id', 'aria-label': 'Job id', placeholder: 'job id', value: jobId });
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter events' },
    typeFilter,
    jobFilter,
    h('button', { type: 'submit' }, 'Filter'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    if (typeFilter.value) q.set('type', typeFilter.value);
    if (jobFilter.value.trim()) q.set('job_id', jobFilter.value.trim());
    ctx.navigate(`/events${q.size ? `?${q}` : ''}`, { replace: true });
  });
  replace(root, h('h1', {}, 'Events'), form, note, list);
  void load();
  return {
    onEvent(e: LiveEvent) {
      if (!wanted(e) || list.querySelector(`[data-event="${e.id}"]`)) return;
      replace(note);
      add(e, true);
    },
    stop() {
      abort.abort();
    },
  };
}
