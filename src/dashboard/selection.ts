import { changedJob } from './actions.js';
import type { Ctx } from './context.js';
import { h, replace } from './dom.js';
import { type Filters, bulkBody } from './filters.js';
import { type JobAction, alreadyDone } from './job-changed.js';
import type { JobRows } from './job-rows.js';

/** The jobs ticked in the list, or every job matching the filters. */
export class Selection {
  readonly ids = new Set<string>();
  allMatching = false;

  has(id: string): boolean {
    return this.allMatching || this.ids.has(id);
  }

  clear(): void {
    this.ids.clear();
    this.allMatching = false;
  }

  get empty(): boolean {
    return !this.allMatching && this.ids.size === 0;
  }
}

const DONE = { pause: 'Paused', resume: 'Resumed', cancel: 'Cancelled' } as const;

const BULK: Array<[Exclude<JobAction, 'run'>, string]> = [
  ['pause', 'Pause selected'],
  ['resume', 'Resume selected'],
  ['cancel', 'Cancel selected'],
];

/** At most this many single-job calls at once when a cancel goes job by job. */
const PARALLEL = 4;
/** The bulk routes take at most this many ids per call. */
const IDS_PER_CALL = 1000;
/** How many skipped jobs the message names before "and N more". */
const UNCHANGED_SAID = 10;

/**
 * The bar of bulk actions over the selection. Pause and resume use the bulk routes: "every
 * matching job" sends the list's filters (one store update), ticked rows their ids (one update
 * per thousand). Cancel has no bulk route, so it goes job by job, saying how many it changed;
 * each sends the version its row shows (If-Match), so a job changed elsewhere since the list
 * showed it (renamed, edited in the chat) is not ended unseen: it is left, and named. Pause and
 * resume carry no versions (the bulk routes take none, and a filter names no versions): they
 * are undone by the opposite button, where a cancel is for good.
 */
export function selectionBar(
  ctx: Ctx,
  sel: Selection,
  rows: () => JobRows,
  filters: Filters,
  redraw: () => void,
  reload: () => void,
): HTMLElement & { update(): void } {
  const status = h('span', { class: 'selection-count', 'aria-live': 'polite' });
  const all = h('input', { type: 'checkbox', id: 'select-all' }) as HTMLInputElement;
  const buttons = BULK.map(([action, label]) =>
    h('button', { type: 'button', 'data-bulk': action, onclick: () => void apply(action) }, label),
  );
  const bar = h(
    'div',
    { class: 'selection-bar', role: 'toolbar', 'aria-label': 'Bulk actions' },
    h('label', { for: 'select-all' }, all, ' Every matching job'),
    status,
    ...buttons,
  );
  const update = (): void => {
    all.checked = sel.allMatching;
    replace(status, sel.allMatching ? 'all matching jobs selected' : `${sel.ids.size} selected`);
    for (const b of buttons) (b as HTMLButtonElement).disabled = sel.empty;
  };
  all.addEventListener('change', () => {
    sel.clear();
    sel.allMatching = all.checked;
    update();
    redraw();
  });

  async function apply(action: Exclude<JobAction, 'run'>): Promise<void> {
    const list = rows();
    const what = sel.allMatching ? 'every job matching these filters' : `${sel.ids.size} job${sel.ids.size === 1 ? '' : 's'}`;
    if (action === 'cancel' && !confirm(`Cancel ${what}? Cancelled jobs never run again.`)) return;
    for (const b of buttons) (b as HTMLButtonElement).disabled = true;
    try {
      if (action !== 'cancel') {
        const byFilter = sel.allMatching ? bulkBody(filters, action) : undefined;
        const bodies = sel.allMatching ? (byFilter ? [byFilter] : []) : chunks([...sel.ids], IDS_PER_CALL).map((ids) => ({ ids }));
        let changed = 0;
        let unchangedCount = 0;
        const unchanged: Array<{ id: string; status: string }> = [];
        for (const body of bodies) {
          const result = await ctx.api.send<{ ids: string[]; unchanged: Array<{ id: string; status: string }>; unchangedCount: number }>(
            'POST',
            `/api/v1/bulk/${action}`,
            body,
            { retry: true },
          );
          changed += result.ids.length;
          unchanged.push(...result.unchanged);
          unchangedCount += result.unchangedCount;
        }
        // Jobs the action did not take (ticked, or matching the filter) are named, so none is
        // thought paused that is not; a long list is cut, saying how many more.
        const named = unchanged.slice(0, UNCHANGED_SAID).map((u) => `${u.id} (${u.status})`);
        if (unchangedCount > named.length) named.push(`${unchangedCount - named.length} more`);
        const skipped = unchangedCount > 0 ? ` Not ${DONE[action].toLowerCase()}: ${named.join(', ')}.` : '';
        ctx.say(`${DONE[action]} ${changed} job${changed === 1 ? '' : 's'}.${skipped}`);
      } else {
        if (sel.allMatching) await list.ensure(0, Number.MAX_SAFE_INTEGER);
        const targets = sel.allMatching ? list.ids() : [...sel.ids];
        const changedSince: string[] = [];
        const failed = await eachLimited(targets, async (id) => {
          const row = list.get(id);
          try {
            await ctx.api.send('POST', `/api/v1/jobs/${encodeURIComponent(id)}/cancel`, undefined, {
              retry: true,
              ...(row ? { ifMatch: row.etag } : {}),
            });
          } catch (err) {
            const now = changedJob(err);
            if (!row || !now) throw err;
            if (!alreadyDone(row, now, 'cancel')) changedSince.push(`"${row.name}" (${id})`);
          }
        });
        const done = targets.length - failed.length - changedSince.length;
        const named = changedSince.slice(0, UNCHANGED_SAID);
        if (changedSince.length > named.length) named.push(`${changedSince.length - named.length} more`);
        ctx.say(
          `${DONE[action]} ${done} of ${targets.length} jobs.` +
            (changedSince.length
              ? ` Not cancelled, changed elsewhere since the list showed them: ${named.join(', ')}. The list now shows them as they are.`
              : '') +
            (failed.length ? ` Refused: ${failed[0]}` : ''),
          failed.length || changedSince.length ? 'error' : 'info',
        );
      }
    } catch (err) {
      ctx.say((err as Error).message, 'error');
    }
    sel.clear();
    update();
    reload();
  }

  update();
  return Object.assign(bar, { update });
}

/** Runs `fn` over `items`, `PARALLEL` at a time; the messages of those that failed. */
async function eachLimited(items: string[], fn: (item: string) => Promise<unknown>): Promise<string[]> {
  const failed: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (err) {
        failed.push(`${item}: ${(err as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
  return failed;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
