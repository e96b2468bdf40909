import type { RunRow } from '../engine/rows.js';
import type { OutboxParams, SettleJobParams, SettleRecord } from '../engine/write-params.js';
import type { Statement } from './db.js';
import { type ArrayColumn, columnArrays, unnestColumns } from './column-arrays.js';

/** The SET clause that drops a job's lease (and with it the run in progress). */
const NO_LEASE = `lease_owner = NULL, lease_expires_at = NULL, lease_run_id = NULL,
  lease_scheduled_for = NULL, lease_trigger = NULL, lease_claimed_at = NULL`;

/**
 * Where the job stands, set by a person after the run was claimed: the run's outcome keeps it.
 * A pause or cancel, or any status or next run other than the claim read (a snooze, a resume,
 * an Undo); the same rule as SQLite's settleJobs (KEPT_BY_PERSON there).
 */
const KEPT_BY_PERSON = `((j.updated_at > i.claimed_at AND j.status IN ('paused', 'cancelled'))
  OR j.status IS DISTINCT FROM i.claimed_status OR j.next_run_at IS DISTINCT FROM i.claimed_next_run_at)`;

/** Each run's job update (`updated_at` is $1, the same for all). */
const JOB_COLUMNS: ReadonlyArray<ArrayColumn<SettleJobParams>> = [
  ['id', 'text'],
  ['run_id', 'text'],
  ['claimed_at', 'bigint'],
  ['status', 'text'],
  ['set_next_run_at', 'int'],
  ['next_run_at', 'bigint'],
  ['set_attempts', 'int'],
  ['attempts', 'int'],
  ['set_run_count', 'int'],
  ['run_count', 'int'],
  ['set_last_run_at', 'int'],
  ['last_run_at', 'bigint'],
  ['set_completed_at', 'int'],
  ['completed_at', 'bigint'],
  ['set_last_error', 'int'],
  ['last_error', 'text'],
  ['claimed_status', 'text'],
  ['claimed_next_run_at', 'bigint'],
];

/** The history rows. */
const RUN_COLUMNS: ReadonlyArray<ArrayColumn<RunRow>> = [
  ['run_id', 'text'],
  ['job_id', 'text'],
  ['scheduled_for', 'bigint'],
  ['started_at', 'bigint'],
  ['finished_at', 'bigint'],
  ['status', 'text'],
  ['trigger', 'text'],
  ['attempt', 'int'],
  ['late_ms', 'bigint'],
  ['duration_ms', 'bigint'],
  ['result', 'text'],
  ['error', 'text'],
  ['ghost_session_id', 'text'],
  ['transcript', 'text'],
  ['tokens_prompt', 'int'],
  ['tokens_completion', 'int'],
];

type TaggedMessage = OutboxParams & { run_ord: number };

/** The messages, each with `run_ord`, the 1-based index of its run. */
const OUTBOX_COLUMNS: ReadonlyArray<ArrayColumn<TaggedMessage>> = [
  ['run_ord', 'int'],
  ['key', 'text'],
  ['job_id', 'text'],
  ['platform', 'text'],
  ['chat_id', 'text'],
  ['thread_id', 'text'],
  ['reply_to', 'text'],
  ['text', 'text'],
  ['actions', 'text'],
  ['meta', 'text'],
];

/** Where each input's arrays start among SETTLE_RUNS' parameters ($1 is now). */
const JOBS_AT = 2;
const RUNS_AT = JOBS_AT + JOB_COLUMNS.length;
const OUTBOX_AT = RUNS_AT + RUN_COLUMNS.length;

/**
 * How a settle's messages skip a key already in the outbox (effectively-once). ON CONFLICT DO
 * NOTHING inserts every row speculatively: a speculative-insertion lock taken and released and
 * a second WAL record confirming the tuple, per message. `NOT EXISTS` on the key index skips the
 * same stored keys (committed, or written earlier in this transaction) with a plain insert:
 * the settle statement's backend CPU fell from 49-52 to 46-50 µs a job (batches of 500, the
 * two forms interleaved in one backend; figures in the commit message). It differs in two
 * cases, both handled:
 * - a key twice among the batch's own messages: NOT EXISTS sees neither, and the second insert
 *   would fail the whole settle on the unique key; such a batch takes the ON CONFLICT form
 *   (settleStatement), which keeps the first;
 * - a key committed by another transaction after this statement's snapshot: a unique violation
 *   instead of a skip. Only a settle of the same job and occurrence writes such a key, and it
 *   waits on this job's row (the UPDATE below), then finds the lease no longer its run's and
 *   inserts nothing; were it ever to happen, the settle's transaction fails whole (nothing
 *   half-written) instead of skipping the message.
 */
type KeyConflict = 'not_exists' | 'on_conflict';

/**
 * Settles any number of runs in one statement (a burst of runs costs one round trip, not one
 * per run). $1 is now; the rows come as one array parameter per column (see column-arrays.ts),
 * from JOBS_AT each run's job update (engine/write-params.ts SettleJobParams: a `set_` flag of
 * 0 keeps the stored value), from RUNS_AT its history row (RunRow), in the same order, from
 * OUTBOX_AT the messages (OutboxParams) with `run_ord`, the 1-based index of their run.
 *
 * A job is written, and its lease dropped, only while the lease is still that run's (for a null
 * run id, an instant run read without a lease in this transaction: while it holds no lease);
 * only then are its run row and messages inserted. Returns the index (`ord`) of every run that settled.
 * The jobs are found on the primary key (`= ANY(ARRAY(…))`, whose length the planner cannot
 * see), not by hash-joining the input against a scan of the whole table.
 */
const settleRunsText = (keys: KeyConflict): string => `
    WITH input AS (
      SELECT * FROM ${unnestColumns(JOB_COLUMNS, JOBS_AT, 'u')}),
    settled AS (
      UPDATE jobs j SET
        status = CASE WHEN ${KEPT_BY_PERSON} THEN j.status ELSE i.status END,
        next_run_at = CASE WHEN ${KEPT_BY_PERSON} THEN j.next_run_at
          WHEN i.set_next_run_at = 1 THEN i.next_run_at ELSE j.next_run_at END,
        attempts = CASE WHEN ${KEPT_BY_PERSON} THEN j.attempts WHEN i.set_attempts = 1 THEN i.attempts ELSE j.attempts END,
        run_count = CASE WHEN i.set_run_count = 1 THEN i.run_count ELSE j.run_count END,
        last_run_at = CASE WHEN i.set_last_run_at = 1 THEN i.last_run_at ELSE j.last_run_at END,
        completed_at = CASE WHEN ${KEPT_BY_PERSON} THEN j.completed_at
          WHEN i.set_completed_at = 1 THEN i.completed_at ELSE j.completed_at END,
        last_error = CASE WHEN i.set_last_error = 1 THEN i.last_error ELSE j.last_error END,
        updated_at = $1::bigint,
        ${NO_LEASE}
      FROM input i
      WHERE j.id = ANY(ARRAY(SELECT id FROM input)) AND j.id = i.id AND j.lease_run_id IS NOT DISTINCT FROM i.run_id
      RETURNING i.ordinality AS ord, j.status),
    added_runs AS (
      INSERT INTO runs (run_id, job_id, scheduled_for, started_at, finished_at, status, trigger,
        attempt, late_ms, duration_ms, result, error, ghost_session_id, transcript, tokens_prompt,
        tokens_completion)
      SELECT r.run_id, r.job_id, r.scheduled_for, r.started_at, r.finished_at, r.status, r.trigger,
        r.attempt, r.late_ms, r.duration_ms, r.result, r.error, r.ghost_session_id, r.transcript,
        r.tokens_prompt, r.tokens_completion
      FROM ${unnestColumns(RUN_COLUMNS, RUNS_AT, 'r')}
      JOIN settled s ON s.ord = r.ordinality),
    added_outbox AS (
      INSERT INTO outbox (key, job_id, platform, chat_id, thread_id, reply_to, text, actions, meta,
        status, attempts, available_at, created_at)
      SELECT o.key, o.job_id, o.platform, o.chat_id, o.thread_id, o.reply_to, o.text, o.actions,
        o.meta, 'pending', 0, $1::bigint, $1::bigint
      FROM ${unnestColumns(OUTBOX_COLUMNS, OUTBOX_AT, 'o')}
      JOIN settled s ON s.ord = o.run_ord${keys === 'not_exists' ? '\n      WHERE NOT EXISTS (SELECT 1 FROM outbox x WHERE x.key = o.key)' : ''}
      ORDER BY o.ordinality${keys === 'on_conflict' ? '\n      ON CONFLICT (key) DO NOTHING' : ''})
    SELECT ord, status FROM settled`;

/** {@link settleRunsText}, for a batch whose messages' keys are all different (see KeyConflict). */
export const SETTLE_RUNS: Statement = { name: 'chime_settle_runs', text: settleRunsText('not_exists') };

/** {@link settleRunsText}, for a batch in which a key repeats: the first of them is kept. */
const SETTLE_RUNS_REPEATED_KEY: Statement = { name: 'chime_settle_runs_repeated_key', text: settleRunsText('on_conflict') };

/** The statement for `records`: {@link SETTLE_RUNS} unless a message key repeats among them. */
export function settleStatement(records: SettleRecord[]): Statement {
  const keys = new Set<string>();
  for (const { outbox } of records) {
    for (const m of outbox) {
      // As stored: PostgreSQL text holds no NUL (column-arrays.ts), so keys differing only there are one key.
      const key = m.key.includes('\0') ? m.key.replaceAll('\0', '\uFFFD') : m.key;
      if (keys.has(key)) return SETTLE_RUNS_REPEATED_KEY;
      keys.add(key);
    }
  }
  return SETTLE_RUNS;
}

/** The parameters of {@link SETTLE_RUNS}: the job updates, the history rows, the messages tagged with their run. */
export function settleValues(records: SettleRecord[], now: number): unknown[] {
  const messages: TaggedMessage[] = [];
  for (const [k, { outbox }] of records.entries()) for (const m of outbox) messages.push({ ...m, run_ord: k + 1 });
  return [
    now,
    ...columnArrays(
      records.map((r) => r.job),
      JOB_COLUMNS,
    ),
    ...columnArrays(
      records.map((r) => r.run),
      RUN_COLUMNS,
    ),
    ...columnArrays(messages, OUTBOX_COLUMNS),
  ];
}
