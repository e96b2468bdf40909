import type { Api } from './api.js';
import { type Filters, countableByStats, listQuery } from './filters.js';
import type { Job, Stats } from './types.js';

/** What a row of the list shows: a job without what only its detail page needs. */
export interface JobRow {
  id: string;
  name: string;
  status: string;
  kind: string;
  scheduleSpec: string;
  recurring: boolean;
  nextRunAt: string | null;
  nextRunLocal: string | null;
  timeZone: string;
  /** When it arrived from the live stream (ms), so its row fades in. */
  fresh?: number;
}

export function rowOf(job: Job, fresh?: number): JobRow {
  return {
    id: job.id,
    name: job.name,
    status: job.status,
    kind: job.kind,
    scheduleSpec: job.scheduleSpec,
    recurring: job.recurring,
    nextRunAt: job.nextRunAt,
    nextRunLocal: job.nextRunLocal,
    timeZone: job.timeZone,
    ...(fresh !== undefined ? { fresh } : {}),
  };
}

/** The first page is small so the list shows at once; later pages are the API's largest. */
const FIRST_PAGE = 100;
const PAGE = 500;

/**
 * The rows of one listing (one set of filters), loaded page by page as the view reaches them.
 * The API pages by cursor, so rows load in order; the total comes from the job counts when the
 * filters are ones those counts answer (none, or status only), so the scroll bar has its full
 * length from the start. Otherwise the list grows as pages arrive.
 */
export class JobRows {
  readonly rows: JobRow[] = [];
  private readonly at = new Map<string, number>();
  private next: string | undefined;
  private started = false;
  private loading: Promise<void> | undefined;
  private total: number | undefined;
  private readonly abort = new AbortController();
  error: string | undefined;

  constructor(
    private readonly api: Api,
    readonly filters: Filters,
    private readonly changed: () => void,
  ) {}

  get done(): boolean {
    return this.started && this.next === undefined;
  }

  /** Rows the list has room for: the known total, or what is loaded plus one page to come. */
  get count(): number {
    if (this.done) return this.rows.length;
    if (this.total !== undefined) return Math.max(this.total, this.rows.length);
    return this.rows.length + (this.started ? PAGE : FIRST_PAGE);
  }

  /** Known total from the job counts (only when the filters are ones they answer). */
  setTotalFromStats(stats: Stats): void {
    if (!countableByStats(this.filters)) return;
    const statuses = this.filters.status?.split(',') ?? Object.keys(stats.jobsByStatus);
    this.total = statuses.reduce((n, s) => n + (stats.jobsByStatus[s] ?? 0), 0);
    this.changed();
  }

  /** Loads pages until row `last` is loaded or the listing ends. One load at a time. */
  ensure(last: number): Promise<void> {
    this.loading ??= this.load(last).finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  stop(): void {
    this.abort.abort();
  }

  has(id: string): boolean {
    return this.at.has(id);
  }

  /** A job changed (live): its row is replaced and fades in. */
  replace(job: Job): boolean {
    const i = this.at.get(job.id);
    if (i === undefined) return false;
    this.rows[i] = rowOf(job, Date.now());
    return true;
  }

  /**
   * A job the list did not hold, arrived live: shown at the top, fading in, until the list is
   * loaded again (where it then takes its place in the listing's order).
   */
  prepend(job: Job): void {
    this.rows.unshift(rowOf(job, Date.now()));
    this.reindex();
    if (this.total !== undefined) this.total++;
  }

  remove(id: string): boolean {
    const i = this.at.get(id);
    if (i === undefined) return false;
    this.rows.splice(i, 1);
    this.reindex();
    if (this.total !== undefined) this.total--;
    return true;
  }

  private reindex(): void {
    this.at.clear();
    for (const [i, r] of this.rows.entries()) this.at.set(r.id, i);
  }

  private async load(last: number): Promise<void> {
    try {
      while (this.rows.length <= last && !this.done && !this.abort.signal.aborted) {
        const size = this.started ? PAGE : FIRST_PAGE;
        const page = await this.api.get<{ jobs: Job[]; next?: string }>(listQuery(this.filters, size, this.next), {
          signal: this.abort.signal,
        });
        this.started = true;
        this.next = page.next;
        for (const job of page.jobs) {
          // Already shown because it arrived live before its page.
          if (this.at.has(job.id)) continue;
          this.at.set(job.id, this.rows.length);
          this.rows.push(rowOf(job));
        }
        this.error = undefined;
        this.changed();
      }
    } catch (err) {
      if (this.abort.signal.aborted) return;
      this.error = (err as Error).message;
      this.changed();
    }
  }
}
