import type { EventParams, EventQueries, EventRow } from '../engine/event-log.js';
import { multiRowInsertAll } from './multi-row.js';
import type { Db } from './open-db.js';

/** The filter of a read: null for "any"; `types` a JSON array. */
interface ReadParams {
  since: number;
  limit: number;
  types: string | null;
  job_id: string | null;
}

/** A stored row: its last event's columns, and the group's earlier events (migration 0013). */
interface StoredRow extends EventRow {
  /** JSON `[[type, body], …]`, oldest first, ids `id - n … id - 1`; null for a row of one event. */
  more: string | null;
}

/** Most events one row holds: a run records three; a longer streak of one job's events is split. */
const MAX_GROUP = 8;

// A row matches a type filter when its own type or any of its earlier events' does.
const TYPES = `(@types IS NULL OR type IN (SELECT value FROM json_each(@types))
  OR (more IS NOT NULL AND EXISTS (SELECT 1 FROM json_each(more) AS m WHERE m.value ->> '$[0]' IN (SELECT value FROM json_each(@types)))))`;

/**
 * The event log on SQLite. One writer at a time (BEGIN IMMEDIATE), so ids become visible in
 * id order and `id > since` misses nothing. Consecutive events of one job with the same actor
 * and time share a row (migration 0013: an instant run's three events cost one row and one
 * events_job entry), and ids are assigned here, above the newest row's, one per event. Rows go
 * in by multi-row statements of up to 64 (multi-row.ts), bound by position; `OR IGNORE`, every
 * row checked in: no statement journal (multi-row.ts).
 */
export function sqliteEventQueries(db: Db): EventQueries {
  const insert = multiRowInsertAll(
    db,
    'INSERT OR IGNORE INTO events (id, at, type, job_id, actor_type, actor_name, session_id, body, more)',
    '(? /* id */, ? /* at */, ? /* type */, ? /* job_id */, ? /* actor_type */, ? /* actor_name */, ? /* session_id */, ? /* body */, ? /* more */)',
  );
  // Two statements, so one job's log reads the events_job index instead of every newer event.
  const list = db.prepare<ReadParams, StoredRow>(`
    SELECT * FROM events WHERE id > @since AND ${TYPES} AND @job_id IS NULL ORDER BY id LIMIT CAST(@limit AS INTEGER)`);
  const listJob = db.prepare<ReadParams, StoredRow>(`
    SELECT * FROM events WHERE job_id = @job_id AND id > @since AND ${TYPES} ORDER BY id LIMIT CAST(@limit AS INTEGER)`);
  const last = db.prepare<[], { id: number | null }>('SELECT MAX(id) AS id FROM events');
  const lastId = (): number => last.get()?.id ?? 0;
  // The oldest events up to the first one at or after the cut-off (ids follow time; no index on
  // `at`), and never the newest row: it keeps the next id above every id handed out.
  const prune = db.prepare<{ before: number }>(`
    DELETE FROM events
    WHERE id < COALESCE((SELECT id FROM events WHERE at >= @before ORDER BY id LIMIT 1), (SELECT MAX(id) FROM events))`);
  return {
    insertEvents(events) {
      insert(packedValues(events, lastId()));
    },
    listEvents(q) {
      const p: ReadParams = { since: q.since, limit: q.limit, types: q.types ? JSON.stringify(q.types) : null, job_id: q.jobId ?? null };
      const types = q.types ? new Set<string>(q.types) : undefined;
      const out: EventRow[] = [];
      // A row may hold events at or below `since` or of other types: read on until the page is
      // full or the rows run out.
      for (;;) {
        const rows = (q.jobId !== undefined ? listJob : list).all(p);
        for (const row of rows) unpack(row, q.since, types, out);
        if (out.length >= q.limit || rows.length < p.limit) return out.slice(0, q.limit);
        p.since = rows.at(-1)!.id;
      }
    },
    lastEventId: lastId,
    pruneEventsBefore: (before) => prune.run({ before }).changes,
  };
}

const sameGroup = (a: EventParams, b: EventParams): boolean =>
  a.job_id === b.job_id && a.at === b.at && a.actor_type === b.actor_type && a.actor_name === b.actor_name && a.session_id === b.session_id;

/** The insert's values: `events` in order, a streak of one job's events per row, ids from `after + 1`. */
function packedValues(events: readonly EventParams[], after: number): unknown[] {
  const values: unknown[] = [];
  let id = after;
  for (let i = 0; i < events.length; ) {
    const first = events[i]!;
    let end = i + 1;
    if (first.job_id !== null) while (end < events.length && end - i < MAX_GROUP && sameGroup(first, events[end]!)) end++;
    const e = events[end - 1]!;
    let more: string | null = null;
    if (end - i > 1) {
      // Bodies are JSON objects already: spliced in, not parsed and written again.
      more = '[';
      for (let k = i; k < end - 1; k++) more += `${k > i ? ',' : ''}["${events[k]!.type}",${events[k]!.body}]`;
      more += ']';
    }
    id += end - i;
    values.push(id, e.at, e.type, e.job_id, e.actor_type, e.actor_name, e.session_id, e.body, more);
    i = end;
  }
  return values;
}

/** The events of `row` after `since` (and of `types`, when given) onto `out`, in id order. */
function unpack(row: StoredRow, since: number, types: ReadonlySet<string> | undefined, out: EventRow[]): void {
  const { more, ...last } = row;
  if (more !== null) {
    const earlier = JSON.parse(more) as Array<[EventRow['type'], unknown]>;
    earlier.forEach(([type, body], k) => {
      const id = row.id - earlier.length + k;
      if (id > since && (!types || types.has(type))) out.push({ ...last, id, type, body: JSON.stringify(body) });
    });
  }
  if (!types || types.has(last.type)) out.push(last);
}
