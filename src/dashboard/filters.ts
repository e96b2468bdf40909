/**
 * The jobs list's filters, kept in the page's address (`/jobs?status=paused&q=standup`) so a
 * view can be bookmarked and shared. The names are the API's own query parameters
 * (GET /api/v1/jobs), so the address and the request say the same thing.
 */
export const FILTER_KEYS = ['status', 'kind', 'owner', 'chat', 'platform', 'recurring', 'workflow', 'q', 'sort'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

export const JOB_STATUSES = ['active', 'paused', 'completed', 'failed', 'cancelled'] as const;

export function filtersFromSearch(search: string): Filters {
  const params = new URLSearchParams(search);
  const f: Filters = {};
  for (const key of FILTER_KEYS) {
    const v = params.get(key)?.trim();
    if (v) f[key] = v;
  }
  return f;
}

/** The filters as a query string (without `?`), in a fixed order so equal views have equal addresses. */
export function searchOf(f: Filters): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = f[key];
    if (v) params.set(key, v);
  }
  return params.toString();
}

/** The list request for one page. */
export function listQuery(f: Filters, limit: number, cursor?: string): string {
  const params = new URLSearchParams(searchOf(f));
  params.set('limit', String(limit));
  if (cursor !== undefined) params.set('cursor', cursor);
  return `/api/v1/jobs?${params}`;
}

/** Filters that the job counts (GET /api/v1/stats: by status, and by status and kind) answer exactly. */
export function countableByStats(f: Filters): boolean {
  return FILTER_KEYS.every((k) => k === 'status' || k === 'kind' || k === 'sort' || f[k] === undefined);
}

/** The status of the jobs each bulk route changes: a pause takes the active ones, a resume the paused ones. */
const BULK_TAKES = { pause: 'active', resume: 'paused' } as const;

/**
 * The bulk routes' body for every job matching these filters (sort aside; the route itself
 * keeps to the status it takes). No filter at all must say so: `all`. Undefined when the list's
 * status filter leaves out every job the action takes: the routes have no status filter, so the
 * body would reach jobs the list does not show (Pause on the list of cancelled jobs would pause
 * every active one).
 */
export function bulkBody(f: Filters, action: keyof typeof BULK_TAKES): Record<string, unknown> | undefined {
  if (f.status !== undefined && !f.status.split(',').some((s) => s.trim() === BULK_TAKES[action])) return undefined;
  const body: Record<string, unknown> = {};
  for (const k of ['kind', 'owner', 'chat', 'platform', 'workflow', 'q'] as const) if (f[k] !== undefined) body[k] = f[k];
  if (f.recurring !== undefined) body.recurring = f.recurring === 'true';
  return Object.keys(body).length > 0 ? body : { all: true };
}
