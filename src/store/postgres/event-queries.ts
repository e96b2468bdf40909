import type { EventParams, EventQueries, EventRow } from '../engine/event-log.js';
import type { AsyncQueries } from '../engine/work.js';
import { type Sql, type Statement, exec } from './db.js';
import { type ArrayColumn, columnArrays, unnestColumns } from './column-arrays.js';

/** The columns of `insertEvents`' parameters, one array each. */
export const EVENT_COLUMNS: ReadonlyArray<ArrayColumn<EventParams>> = [
  ['at', 'bigint'],
  ['type', 'text'],
  ['job_id', 'text'],
  ['actor_type', 'text'],
  ['actor_name', 'text'],
  ['session_id', 'text'],
  ['body', 'text'],
];

const st = (name: string, text: string): Statement => ({ name: `chime_${name}`, text });

/**
 * The event log on PostgreSQL. Ids come from the `events_counter` row, not a sequence: the
 * insert takes its row lock and holds it to COMMIT, so ids become visible in id order across
 * every instance and a reader's `id > since` misses nothing (why and what it costs: migration
 * 0008). The engine makes this insert the last statement of its transaction.
 */
export const EVENT_SQL = {
  /** $1… the events, one array per EVENT_COLUMNS column (see column-arrays.ts): one round trip per transaction. */
  insertEvents: st(
    'insert_events',
    `
    WITH u AS (
      SELECT * FROM ${unnestColumns(EVENT_COLUMNS, 1, 't')}),
    counter AS (UPDATE events_counter SET last_id = last_id + (SELECT count(*) FROM u) WHERE one RETURNING last_id)
    INSERT INTO events (id, at, type, job_id, actor_type, actor_name, session_id, body)
    SELECT counter.last_id - (SELECT count(*) FROM u) + u.ordinality, u.at, u.type, u.job_id, u.actor_type, u.actor_name, u.session_id, u.body
    FROM counter, u`,
  ),
  /** $1 since, $2 limit, $3 types (null: any), $4 job id (null: any). */
  listEvents: st(
    'list_events',
    `
    SELECT * FROM events
    WHERE id > $1 AND ($3::text[] IS NULL OR type = ANY($3::text[])) AND ($4::text IS NULL OR job_id = $4::text)
    ORDER BY id LIMIT $2`,
  ),
  lastEventId: st('last_event_id', 'SELECT last_id AS id FROM events_counter'),
  /** The oldest events up to the first one at or after the cut-off $1 (ids follow commit order, so time; no index on `at`). */
  pruneEvents: st(
    'prune_events',
    `DELETE FROM events WHERE id < COALESCE((SELECT id FROM events WHERE at >= $1 ORDER BY id LIMIT 1), (SELECT last_id + 1 FROM events_counter))`,
  ),
};

export const pgEventQueries: AsyncQueries<EventQueries, Sql> = {
  insertEvents: async (c, events) => void (await exec(c, EVENT_SQL.insertEvents, columnArrays(events, EVENT_COLUMNS))),
  listEvents: async (c, q) => (await exec<EventRow>(c, EVENT_SQL.listEvents, [q.since, q.limit, q.types ?? null, q.jobId ?? null])).rows,
  lastEventId: async (c) => (await exec<{ id: number }>(c, EVENT_SQL.lastEventId)).rows[0]?.id ?? 0,
  pruneEventsBefore: async (c, before) => (await exec(c, EVENT_SQL.pruneEvents, [before])).rowCount ?? 0,
};
