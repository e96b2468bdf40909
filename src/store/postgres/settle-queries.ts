import type { OutboxParams, SettleRecord } from '../engine/write-params.js';
import type { Statement } from './db.js';
import { outboxInsertValues } from './outbox-queries.js';

/** The SET clause that drops a job's lease (and with it the run in progress). */
const NO_LEASE = `lease_owner = NULL, lease_expires_at = NULL, lease_run_id = NULL,
  lease_scheduled_for = NULL, lease_trigger = NULL, lease_claimed_at = NULL`;

/** A paused or cancelled status a person set after the run was claimed: the run's outcome keeps it. */
const KEPT_BY_PERSON = `(j.updated_at > i.claimed_at AND j.status IN ('paused', 'cancelled'))`;

/**
 * Settles any number of runs in one statement (a burst of runs costs one round trip, not one
 * per run). Per run, as parallel arrays in input order: $1 job id, $2 run id, $3 claimed at,
 * $4 job status, then flag/value pairs $5/$6 next_run_at, $7/$8 attempts, $9/$10 run_count,
 * $11/$12 last_run_at, $13/$14 completed_at, $15/$16 last_error (a false flag keeps the
 * stored value), then the run: $17 scheduled for, $18 finished at, $19 status, $20 trigger,
 * $21 attempt, $22 duration, $23 result, $24 error, $25 ghost session. $26 now. The outbox,
 * as parallel arrays: $27 the 1-based index of its run, then $28…$36 as in `insertOutbox`.
 * Last, per run again: $37 transcript, $38 prompt tokens, $39 completion tokens (agent runs).
 *
 * A job is written, and its lease dropped, only while the lease is still that run's; only then
 * are its run row and messages inserted. Returns the index (`ord`) of every run that settled.
 */
export const SETTLE_RUNS: Statement = {
  name: 'chime_settle_runs',
  text: `
    WITH input AS (
      SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[],
        $5::boolean[], $6::bigint[], $7::boolean[], $8::int[], $9::boolean[], $10::int[],
        $11::boolean[], $12::bigint[], $13::boolean[], $14::bigint[], $15::boolean[], $16::text[],
        $17::bigint[], $18::bigint[], $19::text[], $20::text[], $21::int[], $22::bigint[],
        $23::text[], $24::text[], $25::text[], $37::text[], $38::int[], $39::int[])
      WITH ORDINALITY AS u(id, run_id, claimed_at, status, set_next_run_at, next_run_at,
        set_attempts, attempts, set_run_count, run_count, set_last_run_at, last_run_at,
        set_completed_at, completed_at, set_last_error, last_error, scheduled_for, finished_at,
        run_status, trigger, attempt, duration_ms, result, error, ghost_session_id, transcript,
        tokens_prompt, tokens_completion, ord)),
    settled AS (
      UPDATE jobs j SET
        status = CASE WHEN ${KEPT_BY_PERSON} THEN j.status ELSE i.status END,
        next_run_at = CASE WHEN ${KEPT_BY_PERSON} THEN j.next_run_at
          WHEN i.set_next_run_at THEN i.next_run_at ELSE j.next_run_at END,
        attempts = CASE WHEN i.set_attempts THEN i.attempts ELSE j.attempts END,
        run_count = CASE WHEN i.set_run_count THEN i.run_count ELSE j.run_count END,
        last_run_at = CASE WHEN i.set_last_run_at THEN i.last_run_at ELSE j.last_run_at END,
        completed_at = CASE WHEN i.set_completed_at THEN i.completed_at ELSE j.completed_at END,
        last_error = CASE WHEN i.set_last_error THEN i.last_error ELSE j.last_error END,
        updated_at = $26::bigint,
        ${NO_LEASE}
      FROM input i
      WHERE j.id = i.id AND j.lease_run_id = i.run_id
      RETURNING i.ord, j.status),
    added_runs AS (
      INSERT INTO runs (run_id, job_id, scheduled_for, started_at, finished_at, status, trigger,
        attempt, late_ms, duration_ms, result, error, ghost_session_id, transcript, tokens_prompt,
        tokens_completion)
      SELECT i.run_id, i.id, i.scheduled_for, i.claimed_at, i.finished_at, i.run_status, i.trigger,
        i.attempt, GREATEST(0, i.claimed_at - i.scheduled_for), i.duration_ms, i.result, i.error,
        i.ghost_session_id, i.transcript, i.tokens_prompt, i.tokens_completion
      FROM input i JOIN settled s ON s.ord = i.ord),
    added_outbox AS (
      INSERT INTO outbox (key, job_id, platform, chat_id, thread_id, reply_to, text, actions, meta,
        status, attempts, available_at, created_at)
      SELECT o.key, o.job_id, o.platform, o.chat_id, o.thread_id, o.reply_to, o.text, o.actions,
        o.meta, 'pending', 0, $26::bigint, $26::bigint
      FROM unnest($27::int[], $28::text[], $29::text[], $30::text[], $31::text[], $32::text[],
        $33::text[], $34::text[], $35::text[], $36::text[])
        WITH ORDINALITY AS o(run_ord, key, job_id, platform, chat_id, thread_id, reply_to, text, actions, meta, ord)
      JOIN settled s ON s.ord = o.run_ord
      ORDER BY o.ord
      ON CONFLICT (key) DO NOTHING)
    SELECT ord, status FROM settled`,
};

/**
 * The parameters of {@link SETTLE_RUNS}: each record's columns as parallel arrays, then its
 * messages tagged with the 1-based index of their run.
 */
export function settleValues(records: SettleRecord[], now: number): unknown[] {
  const cols: unknown[][] = Array.from({ length: 25 }, () => []);
  const agentCols: unknown[][] = [[], [], []];
  const runOrd: number[] = [];
  const messages: OutboxParams[] = [];
  for (const [k, { job: j, run: r, outbox }] of records.entries()) {
    const row = [
      j.id,
      j.run_id,
      j.claimed_at,
      j.status,
      j.set_next_run_at === 1,
      j.next_run_at,
      j.set_attempts === 1,
      j.attempts,
      j.set_run_count === 1,
      j.run_count,
      j.set_last_run_at === 1,
      j.last_run_at,
      j.set_completed_at === 1,
      j.completed_at,
      j.set_last_error === 1,
      j.last_error,
      r.scheduled_for,
      r.finished_at,
      r.status,
      r.trigger,
      r.attempt,
      r.duration_ms,
      r.result,
      r.error,
      r.ghost_session_id,
    ];
    for (const [i, v] of row.entries()) cols[i]!.push(v);
    agentCols[0]!.push(r.transcript ?? null);
    agentCols[1]!.push(r.tokens_prompt ?? null);
    agentCols[2]!.push(r.tokens_completion ?? null);
    for (const m of outbox) {
      runOrd.push(k + 1);
      messages.push(m);
    }
  }
  const outbox = outboxInsertValues(messages, now).slice(0, 9);
  return [...cols, now, runOrd, ...outbox, ...agentCols];
}
