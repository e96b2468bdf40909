import { debounce } from './backoff.js';
import type { Ctx, View } from './context.js';
import { h, replace } from './dom.js';
import { freshRuns } from './fresh.js';
import { runsTable } from './runs-table.js';
import type { LiveEvent, Run } from './types.js';

const RUN_STATUSES = ['running', 'success', 'failure', 'timeout', 'skipped', 'abandoned'];

/** Recent runs across all jobs (status filter in the address), new ones fading in as they happen. */
export function runsView(ctx: Ctx, root: HTMLElement): View {
  const params = new URLSearchParams(location.search);
  const status = params.get('status') ?? '';
  const abort = new AbortController();
  const fresh = freshRuns();
  const table = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const filter = h('select', { 'aria-label': 'Outcome', name: 'status' }, h('option', { value: '' }, 'Any outcome'));
  for (const s of RUN_STATUSES) filter.append(h('option', { value: s, selected: s === status }, s));
  filter.addEventListener('change', () => ctx.navigate(`/runs${filter.value ? `?status=${filter.value}` : ''}`, { replace: true }));

  const load = async (): Promise<void> => {
    try {
      const q = new URLSearchParams({ limit: '200', ...(status ? { status } : {}) });
      const { runs } = await ctx.api.get<{ runs: Run[] }>(`/api/v1/runs?${q}`, { signal: abort.signal });
      replace(table, runsTable(runs, { fresh: fresh(runs), withJob: true, caption: 'Runs' }));
    } catch (err) {
      if (!abort.signal.aborted) replace(table, h('p', { class: 'error', role: 'alert' }, (err as Error).message));
    }
  };
  const reload = debounce(() => void load(), 300);
  replace(root, h('h1', {}, 'Runs'), h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter runs' }, filter), table);
  void load();
  return {
    onEvent(e: LiveEvent) {
      if (e.type.startsWith('run.')) reload();
    },
    stop() {
      abort.abort();
      reload.cancel();
    },
  };
}
