import type { Api } from './api.js';
import { debounce } from './backoff.js';
import { h, replace } from './dom.js';
import type { Stats } from './types.js';

const ORDER = ['active', 'paused', 'completed', 'failed', 'cancelled'];

/**
 * The counts at the top of every view: jobs by status, runs in progress, runs by outcome, the
 * outbox. They load when `start` is called, which the page does after its view has asked for its
 * own data: the counts are a query over every job, and the view's first rows should not wait
 * behind it on the server.
 */
export function statsHeader(api: Api): { el: HTMLElement; start(): void; refresh(): void; stop(): void } {
  const el = h('section', { class: 'stats', 'aria-label': 'Statistics' });
  const stat = (label: string, n: number, href?: string, cls = ''): HTMLElement =>
    h(href ? 'a' : 'span', { class: `stat ${cls}`, ...(href ? { href } : {}) }, h('strong', {}, n.toLocaleString()), ` ${label}`);
  const load = async (): Promise<void> => {
    try {
      // Shared with the jobs list's own read at page load: one count over every job, not two.
      const s = await api.get<Stats>('/api/v1/stats', { share: true });
      const runs = Object.entries(s.runsByStatus).filter(([, n]) => n > 0);
      replace(
        el,
        h('div', { class: 'stat-group' }, ...ORDER.map((k) => stat(k, s.jobsByStatus[k] ?? 0, `/jobs?status=${k}`, `s-${k}`))),
        h(
          'div',
          { class: 'stat-group' },
          stat('running', s.running, '/runs?status=running'),
          ...runs.map(([k, n]) => stat(k, n, `/runs?status=${k}`, `s-${k}`)),
          stat('to deliver', s.outboxPending),
          s.outboxDead > 0 ? stat('undeliverable', s.outboxDead, undefined, 's-failed') : null,
        ),
      );
    } catch {
      // Counts are a convenience: the views work without them, and the next refresh tries again.
    }
  };
  const refresh = debounce(() => void load(), 1000);
  let timer: ReturnType<typeof setInterval> | undefined;
  const start = (): void => {
    void load();
    timer ??= setInterval(() => void load(), 30_000);
  };
  return { el, start, refresh, stop: () => clearInterval(timer) };
}
