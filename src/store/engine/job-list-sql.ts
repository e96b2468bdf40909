import type { JobStatus } from '../../core/job.js';
import type { JobFilter, JobOrder, JobSortKey } from '../../core/ports/job-store.js';

/**
 * The SQL of job filters and of sorted, keyset-paged job listings, written once for both
 * dialects. A dialect supplies what differs: how a parameter is written (`@p1` or `$1`), the
 * name of the creation sequence (SQLite's rowid, PostgreSQL's `seq`), and the few expressions
 * whose text differs (JSON access, case-insensitive match, byte-order collation).
 */
export interface JobSqlDialect {
  /** The creation-order column: `rowid` (SQLite) or `seq` (PostgreSQL). */
  seq: string;
  /** Appends `value` to the parameters; returns its placeholder. */
  bind(value: unknown): string;
  /** A field of the JSON text column `payload` as text (NULL when absent). */
  payloadField(field: 'text' | 'command'): string;
  /** `expr` contains the LIKE pattern at `placeholder`, ignoring case. */
  containsIgnoringCase(expr: string, placeholder: string): string;
  /** Text compared byte by byte (the same order in both stores). */
  bytewise(expr: string): string;
}

const JOB_STATUSES: ReadonlySet<string> = new Set<JobStatus>(['active', 'paused', 'completed', 'failed', 'cancelled']);

/** Larger than any epoch ms: "nothing due" sorts after every due time. */
const NEVER = 9007199254740991;

/** Whether JSON.stringify writes `text` unchanged inside a string: no quote, backslash or control character. */
const jsonVerbatim = (text: string): boolean => !/["\\]/.test(text) && ![...text].some((c) => c.charCodeAt(0) < 0x20);

/** LIKE's wildcards taken literally (the pattern's ESCAPE is `\`). */
const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The conditions of a job filter, ANDed. Statuses are literals (checked against the fixed
 * set), not bound: only a literal `status = 'paused'` lets the planner use the partial index
 * `jobs_paused`. Each filter shape is one statement text, so each can use its own index
 * (`(? IS NULL OR col = ?)` would defeat them).
 */
export function jobConditions(f: JobFilter, d: JobSqlDialect): string[] {
  const parts: string[] = [];
  const eq = (column: string, value: unknown): void => {
    parts.push(`${column} = ${d.bind(value)}`);
  };
  if (f.status !== undefined) {
    const list = Array.isArray(f.status) ? f.status : [f.status];
    for (const st of list) if (!JOB_STATUSES.has(st)) throw new Error(`store: unknown job status ${JSON.stringify(st)}`);
    parts.push(list.length === 1 ? `status = '${list[0]}'` : `status IN (${list.map((st) => `'${st}'`).join(', ') || 'NULL'})`);
  }
  if (f.ids !== undefined) parts.push(f.ids.length ? `id IN (${f.ids.map((id) => d.bind(id)).join(', ')})` : 'FALSE');
  if (f.kind !== undefined) eq('kind', f.kind);
  if (f.ownerPlatform !== undefined) eq('owner_platform', f.ownerPlatform);
  if (f.ownerUserId !== undefined) eq('owner_user_id', f.ownerUserId);
  if (f.originPlatform !== undefined) eq('origin_platform', f.originPlatform);
  if (f.originChatId !== undefined) eq('origin_chat_id', f.originChatId);
  if (f.workflowId !== undefined) eq('workflow_id', f.workflowId);
  if (f.nextRunAt !== undefined) eq('next_run_at', f.nextRunAt.getTime());
  if (f.recurring !== undefined) parts.push(`recurring = ${f.recurring ? 1 : 0}`);
  if (f.text !== undefined) {
    const p = d.bind(`%${likeLiteral(f.text)}%`);
    const inPayload = `(${d.containsIgnoringCase(d.payloadField('text'), p)} OR ${d.containsIgnoringCase(d.payloadField('command'), p)})`;
    // Reading JSON is the cost of a search: rows whose raw payload text lacks the words skip it.
    // Only for words JSON writes as they are (no quote, backslash or control character).
    const prefilter = jsonVerbatim(f.text) ? `${d.containsIgnoringCase('payload', p)} AND ` : '';
    parts.push(`(${d.containsIgnoringCase('name', p)} OR (${prefilter}${inPayload}))`);
  }
  return parts;
}

/** `WHERE …` of a filter, or '' when it has no condition. */
export function jobWhere(f: JobFilter, d: JobSqlDialect): string {
  const parts = jobConditions(f, d);
  return parts.length ? `WHERE ${parts.join(' AND ')}` : '';
}

/**
 * The value a job sorts by, as an SQL expression. Each is the expression of an index
 * (migration 0009; on PostgreSQL the id sort walks the primary key, bytewise since 0011), so a
 * page walks the index instead of sorting the table: `next_run` counts
 * nothing due as later than any time (last ascending, first descending: the reverse of a list
 * is the list reversed, and one index serves both).
 */
export function sortExpression(key: JobSortKey, d: JobSqlDialect): string {
  switch (key) {
    case 'created':
      return d.seq;
    case 'id':
      return d.bytewise('id');
    case 'name':
      return d.bytewise('lower(name)');
    case 'next_run':
      return `COALESCE(next_run_at, ${NEVER})`;
    case 'updated':
      return 'updated_at';
  }
}

/** Where the page after a row starts: that row's sort value and creation sequence. */
export interface JobKeyset {
  value: string | number;
  seq: number;
}

/**
 * One page of jobs matching `f` in `order`, after `after`, with its sort value as `sort_value`
 * and its creation sequence as `page_seq` (the keyset of the next page). Ties are broken by
 * creation order, in the direction of the sort, so the keyset `(value, seq)` is unique.
 * Reads `size` rows: ask one more than the page to learn whether another page follows.
 */
export function jobPageSql(f: JobFilter, order: JobOrder, after: JobKeyset | undefined, size: number, d: JobSqlDialect): string {
  const parts = jobConditions(f, d);
  const expr = sortExpression(order.key, d);
  const dir = order.desc ? 'DESC' : 'ASC';
  const created = order.key === 'created';
  if (after !== undefined) {
    const cmp = order.desc ? '<' : '>';
    if (created) parts.push(`${d.seq} ${cmp} ${d.bind(after.seq)}`);
    else {
      // (expr, seq) > (v, s), spelled so the first term is a range on the index's expression:
      // SQLite seeks an expression index for `expr >= v` but not for a row-value comparison.
      const v = d.bind(after.value);
      parts.push(`${expr} ${cmp}= ${v} AND (${expr} ${cmp} ${v} OR ${d.seq} ${cmp} ${d.bind(after.seq)})`);
    }
  }
  const where = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
  const orderBy = created ? `${d.seq} ${dir}` : `${expr} ${dir}, ${d.seq} ${dir}`;
  return `SELECT *, ${expr} AS sort_value, ${d.seq} AS page_seq FROM jobs ${where} ORDER BY ${orderBy} LIMIT ${d.bind(size)}`;
}
