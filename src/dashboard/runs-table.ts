import { badge, h } from './dom.js';
import { localTime } from './time.js';
import type { Run } from './types.js';

const ms = (n: number | null): string => (n === null ? '—' : n < 1000 ? `${n} ms` : `${(n / 1000).toFixed(1)} s`);

/**
 * Runs as a table, newest first: when, outcome, why it ran, lateness, duration and the error.
 * Runs `fresh` says are new fade in (see fresh.ts); `withJob` adds a link to each run's job.
 */
export function runsTable(
  runs: Run[],
  opts: { fresh?: ((runId: string) => boolean) | undefined; withJob?: boolean; caption: string },
): HTMLElement {
  if (runs.length === 0) return h('p', { class: 'muted' }, 'No runs yet.');
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'runs' },
      h('caption', { class: 'visually-hidden' }, opts.caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Started'),
          opts.withJob && h('th', { scope: 'col' }, 'Job'),
          h('th', { scope: 'col' }, 'Outcome'),
          h('th', { scope: 'col' }, 'Trigger'),
          h('th', { scope: 'col' }, 'Late'),
          h('th', { scope: 'col' }, 'Took'),
          h('th', { scope: 'col' }, 'Error'),
        ),
      ),
      h(
        'tbody',
        {},
        ...runs.map((r) =>
          h(
            'tr',
            { class: opts.fresh?.(r.runId) ? 'fresh' : '', 'data-run': r.runId, 'data-status': r.status },
            h('td', { title: r.startedAt }, localTime(r.startedAt)),
            opts.withJob && h('td', {}, h('a', { href: `/jobs/${encodeURIComponent(r.jobId)}` }, r.jobId)),
            h('td', {}, badge(r.status)),
            h('td', {}, r.attempt > 1 ? `${r.trigger} (attempt ${r.attempt})` : r.trigger),
            h('td', {}, ms(r.lateMs)),
            h('td', {}, ms(r.durationMs)),
            h('td', { class: 'run-error' }, r.error ?? ''),
          ),
        ),
      ),
    ),
  );
}
