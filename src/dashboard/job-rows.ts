import { type Api, ApiError } from './api.js';
import { type Filters, countableByStats, listQuery } from './filters.js';
import type { Job, Stats } from './types.js';

/** What a row of the list shows: a job without what only its detail page needs. */
export interface JobRow {
  id: string;
  name: string;
  status: string;
  kind: string;
  scheduleSpec: string;
  scheduleText: string;
  recurring: boolean;
  nextRunAt: string | null;
  nextRunLocal: string | null;
  timeZone: string;
  /** The version the row shows, for its buttons' If-Match. */
  etag: string;
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
    scheduleText: job.scheduleText,
    recurring: job.recurring,
    nextRunAt: job.nextRunAt,
    nextRunLocal: job.nextRunLocal,
    timeZone: job.timeZone,
    etag: job.etag,
    ...(fresh !== undefined ? { fresh } : {}),
  };
}

/** The first page is small so the list shows at once; later pages are the API's largest. */
const FIRST_PAGE = 100;
const PAGE = 500;

/** One end of the listing, loaded page by page in its own direction. */
interface End {
  rows: JobRow[];
  next: string | undefined;
  started: boolean;
}

const reversed = (sort: string | undefined): string => {
  const s = sort ?? 'created';
  return s.startsWith('-') ? s.slice(1) : `-${s}`;
};

/**
 * The rows of one listing (one set of filters), loaded page by page as the view reaches them.
 * The API pages by cursor, so rows load in order from the start; when the total is known (the
 * job counts answer the filters: none, status, kind) rows near the end load from the end, in
 * the reversed sort, so dragging the scroll bar to the bottom of 100,000 jobs costs a page or
 * two, not two hundred. Without a total the list grows as pages arrive.
 */
export class JobRows {
  private readonly head: End = { rows: [], next: undefined, started: false };
  private readonly tail: End = { rows: [], next: undefined, started: false };
  private readonly at = new Map<string, JobRow>();
  private loading: Promise<void> | undefined;
  private total: number | undefined;
  private readonly abort = new AbortController();
  error: string | undefined;
  /**
   * The API refused this listing (4xx: a filter or sort of a hand-made address it does not
   * accept). Asking again gets the same answer: before, each redraw asked again, dozens of
   * requests a second, under placeholder rows for jobs that would never load.
   */
  private refused = false;

  constructor(
    private readonly api: Api,
    readonly filters: Filters,
    private readonly changed: () => void,
  ) {}

  /** Every row is loaded (the two ends met, or the start reached the last page). */
  get done(): boolean {
    if (this.refused || (this.head.started && this.head.next === undefined)) return true;
    return this.total !== undefined && this.head.rows.length + this.tail.rows.length >= this.total;
  }

  /** Rows the list has room for: the known total, or what is loaded plus one page to come. */
  get count(): number {
    if (this.refused) return this.head.rows.length + this.tail.rows.length;
    if (this.head.started && this.head.next === undefined) return this.head.rows.length;
    if (this.total !== undefined) return Math.max(this.total, this.head.rows.length + this.tail.rows.length);
    return this.head.rows.length + (this.head.started ? PAGE : FIRST_PAGE);
  }

  get loadedCount(): number {
    return this.at.size;
  }

  /** The row at `index`, or undefined while it is not loaded. */
  row(index: number): JobRow | undefined {
    if (index < this.head.rows.length) return this.head.rows[index];
    const fromEnd = this.count - 1 - index;
    if (fromEnd >= 0 && fromEnd < this.tail.rows.length) return this.tail.rows[fromEnd];
    return undefined;
  }

  /** Every loaded row's id. */
  ids(): string[] {
    return [...this.at.keys()];
  }

  /** Known total from the job counts (only when the filters are ones they answer). */
  setTotalFromStats(stats: Stats): void {
    if (!countableByStats(this.filters)) return;
    const statuses = this.filters.status?.split(',') ?? Object.keys(stats.jobsByStatus);
    const { kind } = this.filters;
    if (kind !== undefined && !stats.jobsByKind) return;
    this.total =
      kind === undefined
        ? statuses.reduce((n, s) => n + (stats.jobsByStatus[s] ?? 0), 0)
        : (stats.jobsByKind ?? []).filter((r) => r.kind === kind && statuses.includes(r.status)).reduce((n, r) => n + r.n, 0);
    this.changed();
  }

  /** Loads pages until rows `first`..`last` are loaded or the listing ends. One load at a time. */
  ensure(first: number, last = first): Promise<void> {
    this.loading ??= this.load(first, last).finally(() => {
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

  /** The loaded row of job `id`: what the list shows of it (and the version, its `etag`). */
  get(id: string): JobRow | undefined {
    return this.at.get(id);
  }

  /** A job changed (live): its row is replaced and fades in. */
  replace(job: Job): boolean {
    const old = this.at.get(job.id);
    if (!old) return false;
    const row = rowOf(job, Date.now());
    for (const end of [this.head, this.tail]) {
      const i = end.rows.indexOf(old);
      if (i >= 0) end.rows[i] = row;
    }
    this.at.set(job.id, row);
    return true;
  }

  /**
   * A job the list did not hold, arrived live: shown at the top, fading in, until the list is
   * loaded again (where it then takes its place in the listing's order).
   */
  prepend(job: Job): void {
    const row = rowOf(job, Date.now());
    this.head.rows.unshift(row);
    this.at.set(job.id, row);
    if (this.total !== undefined) this.total++;
  }

  remove(id: string): boolean {
    const old = this.at.get(id);
    if (!old) return false;
    for (const end of [this.head, this.tail]) {
      const i = end.rows.indexOf(old);
      if (i >= 0) end.rows.splice(i, 1);
    }
    this.at.delete(id);
    if (this.total !== undefined) this.total--;
    return true;
  }

  /** Which end to load from for rows `first`..`last`: the nearer one (the end only with a total). */
  private nearerEnd(first: number, last: number): End | undefined {
    if (this.done) return undefined;
    const headGap = first - this.head.rows.length;
    if (this.total === undefined) return last >= this.head.rows.length ? this.head : undefined;
    const tailStart = this.count - this.tail.rows.length;
    const tailGap = tailStart - 1 - last;
    if (last < this.head.rows.length || first >= tailStart) return undefined;
    return tailGap < headGap ? this.tail : this.head;
  }

  private async load(first: number, last: number): Promise<void> {
    try {
      for (let end = this.nearerEnd(first, last); end && !this.abort.signal.aborted; end = this.nearerEnd(first, last)) {
        const size = end.started ? PAGE : FIRST_PAGE;
        const filters = end === this.tail ? { ...this.filters, sort: reversed(this.filters.sort) } : this.filters;
        const page = await this.api.get<{ jobs: Job[]; next?: string }>(listQuery(filters, size, end.next), { signal: this.abort.signal });
        end.started = true;
        end.next = page.next;
        for (const job of page.jobs) {
          // Already shown: it arrived live before its page, or the other end got there first.
          if (this.at.has(job.id)) continue;
          const row = rowOf(job);
          this.at.set(job.id, row);
          end.rows.push(row);
        }
        if (end === this.tail && page.next === undefined) this.total = this.tail.rows.length + this.head.rows.length;
        this.error = undefined;
        this.changed();
      }
    } catch (err) {
      if (this.abort.signal.aborted) return;
      if (err instanceof ApiError && err.status >= 400 && err.status < 500) this.refused = true;
      this.error = (err as Error).message;
      this.changed();
    }
  }
}
