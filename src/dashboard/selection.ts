import type { JobAction } from './actions.js';
import type { Ctx } from './context.js';
import { h, replace } from './dom.js';
import { type Filters, bulkBody } from './filters.js';
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

/** At most this many single-job calls at once when a bulk action goes job by job. */
const PARALLEL = 4;

/**
 * The bar of bulk actions over the selection. "Every matching job" uses the bulk routes (one
 * store update) when the filters are ones they take; otherwise, and for a ticked set, the
 * action goes job by job over the rows the list holds, saying how many it changed.
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
    const body = bulkBody(filters);
    const list = rows();
    const ids = sel.allMatching ? list.ids() : [...sel.ids];
    const what = sel.allMatching ? 'every job matching these filters' : `${ids.length} job${ids.length === 1 ? '' : 's'}`;
    if (action === 'cancel' && !confirm(`Cancel ${what}? Cancelled jobs never run again.`)) return;
    for (const b of buttons) (b as HTMLButtonElement).disabled = true;
    try {
      if (sel.allMatching && body && action !== 'cancel') {
        const res = await ctx.api.send<{ ids: string[] }>('POST', `/api/v1/bulk/${action}`, body, { retry: true });
        ctx.say(`${DONE[action]} ${res.ids.length} jobs.`);
      } else {
        if (sel.allMatching) await list.ensure(0, Number.MAX_SAFE_INTEGER);
        const targets = sel.allMatching ? list.ids() : ids;
        const failed = await eachLimited(targets, (id) =>
          ctx.api.send('POST', `/api/v1/jobs/${encodeURIComponent(id)}/${action}`, undefined, { retry: true }),
        );
        const done = targets.length - failed.length;
        ctx.say(
          `${DONE[action]} ${done} of ${targets.length} jobs.${failed.length ? ` Refused: ${failed[0]}` : ''}`,
          failed.length ? 'error' : 'info',
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
