import { actionButton, actionsFor } from './actions.js';
import { debounce } from './backoff.js';
import type { Ctx, View } from './context.js';
import { badge, h, replace } from './dom.js';
import { filterBar } from './filter-bar.js';
import { FRESH_MS } from './fresh.js';
import { type Filters, filtersFromSearch, searchOf } from './filters.js';
import { type JobRow, JobRows } from './job-rows.js';
import { Selection, selectionBar } from './selection.js';
import { relativeSpan } from '../shared/span-words.js';
import { zoned } from './time.js';
import type { Job, LiveEvent, Stats } from './types.js';
import { VirtualList } from './virtual-list.js';

const FIRST_ROW_MARK = 'chime:first-job-row';

/** "in 5 minutes · 2026-11-23 09:00+01:00 (Europe/Berlin)": relative as the chat says it, then in the job's own zone. */
function nextRun(row: JobRow, now: number): HTMLElement {
  if (row.nextRunAt === null) return h('span', { class: 'next muted' }, 'no next run');
  const local = zoned(row.nextRunLocal);
  return h(
    'span',
    { class: 'next', title: row.nextRunAt },
    h('strong', {}, relativeSpan(Date.parse(row.nextRunAt), now)),
    h('span', { class: 'muted' }, ` · ${local} (${row.timeZone})`),
  );
}

/**
 * The jobs list: filters kept in the address, a virtual list that stays smooth at 100,000 rows,
 * a selection with bulk actions, and rows that change (and fade in) as live events arrive.
 */
export function jobsView(ctx: Ctx, root: HTMLElement): View {
  const filters: Filters = filtersFromSearch(location.search);
  ctx.listHref = location.pathname + location.search;
  const sel = new Selection();
  const count = h('p', { class: 'list-count', 'aria-live': 'polite' });
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const empty = h('p', { class: 'muted empty', hidden: true });

  let rows: JobRows;
  const list = new VirtualList<JobRow>({
    label: 'Jobs',
    row: (i) => rows.row(i),
    render: (row, i) => renderRow(row, i),
    onRange: (first, last) => void rows.ensure(Math.max(0, first - 20), last + 20),
    press: ctx.press,
  });
  const changed = (): void => {
    list.setCount(rows.count);
    list.refresh();
    const n = rows.count.toLocaleString();
    replace(
      count,
      rows.done || rows.count === rows.loadedCount
        ? `${n} job${rows.count === 1 ? '' : 's'}`
        : `${n} jobs (loaded ${rows.loadedCount.toLocaleString()})`,
    );
    empty.hidden = !(rows.done && rows.count === 0);
    replace(empty, Object.keys(filters).some((k) => k !== 'sort') ? 'No job matches these filters.' : 'No jobs yet.');
    error.hidden = rows.error === undefined;
    replace(error, rows.error ? `Could not load jobs: ${rows.error}` : '');
  };
  const loadStats = async (): Promise<void> => {
    try {
      rows.setTotalFromStats(await ctx.api.get<Stats>('/api/v1/stats', { share: true }));
    } catch {
      // The list still works without a total: it grows page by page.
    }
  };
  const reload = (): void => {
    rows?.stop();
    rows = new JobRows(ctx.api, filters, changed);
    list.viewport.scrollTop = 0;
    changed();
    void rows.ensure(0);
    void loadStats();
  };

  function renderRow(row: JobRow | undefined, index: number): HTMLElement {
    if (!row) return h('div', { class: 'job-row placeholder' }, h('span', { class: 'muted' }, `Loading job ${index + 1}…`));
    // When the first job appeared, for the first-render bench (bench/dashboard-first-render.ts).
    if (performance.getEntriesByName(FIRST_ROW_MARK).length === 0) performance.mark(FIRST_ROW_MARK);
    const fresh = row.fresh !== undefined && Date.now() - row.fresh < FRESH_MS;
    const el = h(
      'div',
      { class: `job-row${fresh ? ' fresh' : ''}`, 'data-job': row.id, 'data-status': row.status },
      ctx.canWrite &&
        h('input', {
          type: 'checkbox',
          class: 'pick',
          'aria-label': `Select ${row.name}`,
          checked: sel.has(row.id),
          onchange: (e: Event) => {
            const on = (e.target as HTMLInputElement).checked;
            if (sel.allMatching) {
              sel.allMatching = false;
              for (const id of rows.ids()) sel.ids.add(id);
            }
            if (on) sel.ids.add(row.id);
            else sel.ids.delete(row.id);
            bar.update();
          },
        }),
      h(
        'div',
        { class: 'job-main' },
        h('a', { href: `/jobs/${encodeURIComponent(row.id)}`, class: 'job-name' }, row.name),
        // The rule as the chat's /list words it; the spec for those who write specs, on hover.
        h('span', { class: 'muted spec', title: row.scheduleSpec }, `${row.scheduleText} · ${row.kind}`),
      ),
      badge(row.status),
      nextRun(row, Date.now()),
      ctx.canWrite &&
        h(
          'div',
          { class: 'row-actions' },
          ...actionsFor(row.status)
            .filter((a) => a !== 'cancel')
            .map((a) =>
              actionButton(ctx, row, a, 'list', (outcome) => {
                // Refused because the job changed elsewhere: said, and its row redrawn as it is now.
                if (outcome.changed) ctx.say(outcome.changed, 'error');
                if (outcome.job) update(outcome.job);
              }),
            ),
        ),
    );
    return el;
  }

  const update = (job: Job): void => {
    if (rows.replace(job)) changed();
  };

  // After a bulk action the list is read again: many rows changed at once.
  const bar = selectionBar(
    ctx,
    sel,
    () => rows,
    filters,
    () => list.refresh(),
    () => reload(),
  );
  const setFilters = (f: Filters): void => {
    for (const k of Object.keys(filters) as Array<keyof Filters>) delete filters[k];
    Object.assign(filters, f);
    const search = searchOf(filters);
    const href = `/jobs${search ? `?${search}` : ''}`;
    history.replaceState(null, '', href);
    ctx.listHref = href;
    sel.clear();
    bar.update();
    reload();
  };

  replace(
    root,
    h('h1', { class: 'visually-hidden' }, 'Jobs'),
    filterBar(filters, setFilters),
    h('div', { class: 'list-head' }, count, ctx.canWrite && bar),
    error,
    empty,
    list.viewport,
  );
  reload();

  // Relative times ("in 5 minutes") move on by themselves.
  const tick = setInterval(() => list.refresh(), 30_000);
  const refetch = new Map<string, string>();
  const flush = debounce(async () => {
    const batch = [...refetch];
    refetch.clear();
    for (const [id, type] of batch) {
      if (type === 'job.deleted') {
        if (rows.remove(id)) changed();
        continue;
      }
      try {
        const job = await ctx.api.get<Job>(`/api/v1/jobs/${encodeURIComponent(id)}`);
        if (rows.replace(job)) changed();
        else if (type === 'job.created' && matches(job, filters)) {
          rows.prepend(job);
          changed();
        }
      } catch {
        // Gone meanwhile: its deletion event follows.
      }
    }
    void loadStats();
  }, 250);

  return {
    onEvent(e: LiveEvent) {
      if (e.jobId === null || !(e.type.startsWith('job.') || e.type.startsWith('run.'))) return;
      if (e.type !== 'job.created' && !rows.has(e.jobId)) return;
      refetch.set(e.jobId, e.type);
      flush();
    },
    stop() {
      clearInterval(tick);
      flush.cancel();
      rows.stop();
    },
  };
}

/**
 * Whether a job that arrived live belongs in this listing. The server decides for every page it
 * sends; this only places new jobs between pages, so it reads the same fields the same way.
 */
function matches(job: Job, f: Filters): boolean {
  if (f.status && !f.status.split(',').includes(job.status)) return false;
  if (f.kind && job.kind !== f.kind) return false;
  if (f.platform && job.origin.platform !== f.platform) return false;
  if (f.workflow && job.workflowId !== f.workflow) return false;
  if (f.recurring && String(job.recurring) !== f.recurring) return false;
  const scoped = (value: string, platform: string, id: string): boolean => value === id || value === `${platform}:${id}`;
  if (f.owner && !scoped(f.owner, job.owner.platform, job.owner.userId)) return false;
  if (f.chat && !scoped(f.chat, job.origin.platform, job.origin.chatId)) return false;
  if (f.q) {
    const p = (job.payload ?? {}) as { text?: unknown; command?: unknown };
    const hay = [job.name, typeof p.text === 'string' ? p.text : '', typeof p.command === 'string' ? p.command : '']
      .join('\n')
      .toLowerCase();
    if (!hay.includes(f.q.toLowerCase())) return false;
  }
  return true;
}
