import type { OutboxStatus } from '../../core/run.js';
import type { OutboxParams } from '../engine/write-params.js';
import type { Statement } from './db.js';

const st = (name: string, text: string): Statement => ({ name: `chime_${name}`, text });

/** Every fixed SQL statement on `outbox`, one named statement each. Times are epoch ms. */
export const OUTBOX_SQL = {
  /**
   * $1…$9 parallel arrays (key, job id, platform, chat, thread, reply to, text, actions JSON,
   * meta JSON), $10 now. Adds the messages in array order; a key already present is silently
   * dropped (effectively-once).
   */
  insertOutbox: st(
    'insert_outbox',
    `
    INSERT INTO outbox (key, job_id, platform, chat_id, thread_id, reply_to, text, actions, meta,
      status, attempts, available_at, created_at)
    SELECT k, j, p, c, th, r, tx, a, m, 'pending', 0, $10::bigint, $10::bigint
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
      $8::text[], $9::text[]) WITH ORDINALITY AS u(k, j, p, c, th, r, tx, a, m, ord)
    ORDER BY ord
    ON CONFLICT (key) DO NOTHING`,
  ),

  /**
   * Taken before `claimOutbox`, in its transaction: claims run one at a time across every
   * process on the schema, so none can take a later message of a chat while another is taking
   * the earlier one (each statement then sees the other's finished claim).
   */
  lockClaims: st('lock_outbox_claims', `SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.outbox_claim'))`),

  /**
   * $1 now, $2 limit, $3 owner, $4 lease expiry. Leases pending messages available at $1 and
   * `sending` ones whose lease expired (their dispatcher died mid-send), in id order, keeping
   * each chat's order: a message is not taken while an earlier one of its chat still waits
   * (pending until later) or is held under another owner's live lease. Taking them in id order
   * makes what is taken of a chat a prefix of what it may send. The UPDATE re-checks each row
   * (a late acknowledgement may have changed it). RETURNING order is unspecified (sort after).
   */
  claimOutbox: st(
    'claim_outbox',
    `
    WITH waiting AS (
      SELECT platform, chat_id, MIN(id) AS first_id FROM (
        SELECT platform, chat_id, id FROM outbox WHERE status = 'pending' AND available_at > $1
        UNION ALL
        SELECT platform, chat_id, id FROM outbox
        WHERE status = 'sending' AND lease_expires_at > $1 AND lease_owner <> $3) held
      GROUP BY platform, chat_id),
    candidates AS (
      SELECT id, platform, chat_id FROM outbox WHERE status = 'pending' AND available_at <= $1
      UNION ALL
      SELECT id, platform, chat_id FROM outbox WHERE status = 'sending' AND lease_expires_at <= $1),
    picked AS (
      SELECT c.id FROM candidates c LEFT JOIN waiting w ON w.platform = c.platform AND w.chat_id = c.chat_id
      WHERE w.first_id IS NULL OR c.id < w.first_id
      ORDER BY c.id LIMIT $2)
    UPDATE outbox SET status = 'sending', lease_owner = $3, lease_expires_at = $4
    WHERE id IN (SELECT id FROM picked)
      AND ((status = 'pending' AND available_at <= $1) OR (status = 'sending' AND lease_expires_at <= $1))
    RETURNING *`,
  ),

  /**
   * When the next message can be taken: the earliest time at which the first unfinished
   * message of a chat (its head) becomes available (pending) or its send lease expires
   * (sending). The messages behind a head wait for it, whatever their own time. The heads are
   * found by hopping from chat to chat on `outbox_unsent`, one index seek per chat with
   * messages waiting, instead of grouping every unsent row.
   */
  nextOutbox: st(
    'next_outbox',
    `
    WITH RECURSIVE heads(id, platform, chat_id) AS (
      (SELECT id, platform, chat_id FROM outbox
        WHERE status IN ('pending', 'sending') ORDER BY platform, chat_id, id LIMIT 1)
      UNION ALL
      SELECT n.id, n.platform, n.chat_id FROM heads h CROSS JOIN LATERAL (
        (SELECT id, platform, chat_id FROM outbox WHERE status IN ('pending', 'sending')
          AND platform = h.platform AND chat_id > h.chat_id ORDER BY chat_id, id LIMIT 1)
        UNION ALL
        (SELECT id, platform, chat_id FROM outbox WHERE status IN ('pending', 'sending')
          AND platform > h.platform ORDER BY platform, chat_id, id LIMIT 1)
        LIMIT 1) n)
    SELECT MIN(CASE o.status WHEN 'pending' THEN o.available_at ELSE o.lease_expires_at END) AS t
    FROM heads JOIN outbox o ON o.id = heads.id`,
  ),

  /** $1 id, $2 platform ref, $3 now. */
  markSent: st(
    'mark_sent',
    `
    UPDATE outbox SET status = 'sent', sent_ref = $2, sent_at = $3, lease_owner = NULL, lease_expires_at = NULL
    WHERE id = $1`,
  ),

  /** $1 id, $2 error, $3 available at: back to pending, counting the attempt; a sent message stays sent. */
  markRetry: st(
    'mark_retry',
    `
    UPDATE outbox SET status = 'pending', attempts = attempts + 1, last_error = $2,
      available_at = $3, lease_owner = NULL, lease_expires_at = NULL
    WHERE id = $1 AND status IN ('pending', 'sending')`,
  ),

  /** $1 id, $2 reason, $3 available at: back to pending without counting an attempt; a sent message stays sent. */
  markPostponed: st(
    'mark_postponed',
    `
    UPDATE outbox SET status = 'pending', last_error = $2,
      available_at = $3, lease_owner = NULL, lease_expires_at = NULL
    WHERE id = $1 AND status IN ('pending', 'sending')`,
  ),

  /**
   * $1 platform, $2 old chat id, $3 new chat id (JobStore.moveChat): the old chat's unsent
   * messages go to the new one, without the old chat's thread, reply and quoted message id,
   * which mean nothing there.
   */
  moveUnsentOutbox: st(
    'move_unsent_outbox',
    `
    UPDATE outbox SET chat_id = $3, thread_id = NULL, reply_to = NULL,
      meta = CASE WHEN meta::jsonb #> '{quote,messageId}' IS NOT NULL
        THEN (meta::jsonb #- '{quote,messageId}')::text ELSE meta END
    WHERE platform = $1 AND chat_id = $2 AND status IN ('pending', 'sending')`,
  ),

  /** $1 id, $2 error: gives up on a message; a sent message stays sent. */
  markDead: st(
    'mark_dead',
    `
    UPDATE outbox SET status = 'dead', attempts = attempts + 1, last_error = $2,
      lease_owner = NULL, lease_expires_at = NULL
    WHERE id = $1 AND status IN ('pending', 'sending')`,
  ),

  /** Owners of the messages being sent. */
  outboxLeaseOwners: st('outbox_lease_owners', `SELECT DISTINCT lease_owner AS owner FROM outbox WHERE status = 'sending'`),

  /** $1 owners, $2 now: ends their send leases at $2, so their messages can be taken over at once. */
  expireOutboxLeases: st(
    'expire_outbox_leases',
    `
    UPDATE outbox SET lease_expires_at = $2
    WHERE status = 'sending' AND lease_owner = ANY($1::text[]) AND lease_expires_at > $2`,
  ),

  /** $1 id. */
  getOutbox: st('get_outbox', 'SELECT * FROM outbox WHERE id = $1'),

  /** $1 cut-off: finished (sent or dead) messages created before it. */
  pruneOutbox: st('prune_outbox', `DELETE FROM outbox WHERE status IN ('sent', 'dead') AND created_at < $1`),

  /** Messages not yet sent (pending or being sent) and dead letters. */
  countOutbox: st(
    'count_outbox',
    `
    SELECT
      (SELECT COUNT(*) FROM outbox WHERE status = 'pending')
        + (SELECT COUNT(*) FROM outbox WHERE status = 'sending') AS pending,
      (SELECT COUNT(*) FROM outbox WHERE status = 'dead') AS dead`,
  ),

  /** Metrics: rows by platform and status, their failed attempts, the oldest's creation (one scan, per scrape). */
  outboxByPlatform: st(
    'outbox_by_platform',
    `
    SELECT platform, status, COUNT(*)::int AS n, COALESCE(SUM(attempts), 0)::int AS failed_attempts, MIN(created_at) AS oldest
    FROM outbox GROUP BY platform, status`,
  ),
} as const;

/** The parameters of `insertOutbox`: the messages' columns as parallel arrays, then the time. */
export function outboxInsertValues(messages: OutboxParams[], now: number): unknown[] {
  const cols: unknown[][] = Array.from({ length: 9 }, () => []);
  for (const m of messages) {
    const row = [m.key, m.job_id, m.platform, m.chat_id, m.thread_id, m.reply_to, m.text, m.actions, m.meta];
    for (const [i, v] of row.entries()) cols[i]!.push(v);
  }
  return [...cols, now];
}

const OUTBOX_STATUSES: ReadonlySet<string> = new Set<OutboxStatus>(['pending', 'sending', 'sent', 'dead']);

/** Outbox rows matching the filter, in id (creation) order; no limit by default. */
export function listOutboxSql(f: { status?: OutboxStatus; jobId?: string; limit?: number } = {}): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (f.status !== undefined) {
    if (!OUTBOX_STATUSES.has(f.status)) throw new Error(`store: unknown outbox status ${JSON.stringify(f.status)}`);
    parts.push(`status = '${f.status}'`);
  }
  if (f.jobId !== undefined) {
    params.push(f.jobId);
    parts.push(`job_id = $${params.length}`);
  }
  params.push(f.limit ?? null);
  const where = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
  return { sql: `SELECT * FROM outbox ${where} ORDER BY id LIMIT $${params.length}`, params };
}
