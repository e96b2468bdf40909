import { multiRowInsert } from './multi-row.js';
import type { Db } from './open-db.js';
import type { OutboxStatus } from '../../core/run.js';
import type { OutboxDbRow } from '../engine/rows.js';
import type { OutboxParams } from '../engine/write-params.js';

/**
 * Every SQL statement on `outbox`, one named prepared statement each. Times are epoch ms. The
 * statements run per message bind positionally (`? /* now *\/`: the comment names the value),
 * as job-queries.ts explains.
 */
export function prepareOutboxQueries(db: Db) {
  return {
    /**
     * Adds messages in order, their values flat (pushOutboxValues), row after row: ids follow
     * that order. A message whose key is taken (earlier, or by an earlier row) is dropped: the
     * key is the message's occurrence and purpose, so a run settled twice sends once.
     */
    insertOutbox: insertOutbox(db),

    /**
     * Leases up to @limit messages: pending ones available at @now and `sending` ones whose
     * lease expired (their dispatcher died mid-send), in id order, keeping each chat's order:
     * a message is not taken while an earlier one of its chat still waits (pending until
     * later) or is held under another owner's live lease. Taking them in id order makes what
     * is taken of a chat a prefix of what it may send. Order of RETURNING is unspecified (sort after).
     */
    claimOutbox: db.prepare<
      [now: number, now: number, owner: string, owner: string, expires: number, now: number, now: number, limit: number],
      OutboxDbRow
    >(`
      WITH waiting AS MATERIALIZED (
        SELECT platform, chat_id, MIN(id) AS first_id FROM (
          SELECT platform, chat_id, id FROM outbox INDEXED BY outbox_pending
          WHERE status = 'pending' AND available_at > ? /* now */
          UNION ALL
          SELECT platform, chat_id, id FROM outbox INDEXED BY outbox_sending
          WHERE status = 'sending' AND lease_expires_at > ? /* now */ AND lease_owner <> ? /* owner */)
        GROUP BY platform, chat_id)
      UPDATE outbox SET status = 'sending', lease_owner = ? /* owner */, lease_expires_at = ? /* expires */
      WHERE id IN (
        SELECT c.id FROM (
          SELECT id, platform, chat_id FROM outbox INDEXED BY outbox_pending
          WHERE status = 'pending' AND available_at <= ? /* now */
          UNION ALL
          SELECT id, platform, chat_id FROM outbox INDEXED BY outbox_sending
          WHERE status = 'sending' AND lease_expires_at <= ? /* now */) c
        LEFT JOIN waiting w ON w.platform = c.platform AND w.chat_id = c.chat_id
        WHERE w.first_id IS NULL OR c.id < w.first_id
        ORDER BY c.id LIMIT CAST(? /* limit */ AS INTEGER))
      RETURNING *`),

    /**
     * When the next message can be taken: the earliest time at which the first unfinished
     * message of a chat (its head) becomes available (pending) or its send lease expires
     * (sending). The messages behind a head wait for it, whatever their own time. The heads
     * are found by hopping from chat to chat on `outbox_unsent`: each step seeks the first
     * unsent message of the next chat in (platform, chat_id) order, so the cost grows with the
     * chats that have messages waiting, not with the messages.
     */
    nextOutboxAt: db.prepare<[], { t: number | null }>(`
      WITH RECURSIVE heads(id, platform, chat_id) AS (
        SELECT * FROM (SELECT id, platform, chat_id FROM outbox INDEXED BY outbox_unsent
          WHERE status IN ('pending', 'sending') ORDER BY platform, chat_id, id LIMIT 1)
        UNION ALL
        SELECT n.id, n.platform, n.chat_id FROM heads AS h JOIN outbox AS n ON n.id = COALESCE(
          (SELECT id FROM outbox INDEXED BY outbox_unsent WHERE status IN ('pending', 'sending')
            AND platform = h.platform AND chat_id > h.chat_id ORDER BY chat_id, id LIMIT 1),
          (SELECT id FROM outbox INDEXED BY outbox_unsent WHERE status IN ('pending', 'sending')
            AND platform > h.platform ORDER BY platform, chat_id, id LIMIT 1)))
      SELECT MIN(CASE o.status WHEN 'pending' THEN o.available_at ELSE o.lease_expires_at END) AS t
      FROM heads JOIN outbox AS o ON o.id = heads.id`),

    /**
     * A chat's new id (JobStore.moveChat): its unsent messages go there, without the old
     * chat's thread, reply and quoted message id, which mean nothing in the new chat.
     */
    moveUnsentOutbox: db.prepare<{ platform: string; from: string; to: string }>(`
      UPDATE outbox INDEXED BY outbox_unsent SET chat_id = @to, thread_id = NULL, reply_to = NULL,
        meta = CASE WHEN json_extract(meta, '$.quote.messageId') IS NOT NULL
          THEN json_remove(meta, '$.quote.messageId') ELSE meta END
      WHERE platform = @platform AND chat_id = @from AND status IN ('pending', 'sending')`),

    markSent: db.prepare<[sentRef: string, now: number, id: number]>(`
      UPDATE outbox SET status = 'sent', sent_ref = ? /* sent_ref */, sent_at = ? /* now */,
        lease_owner = NULL, lease_expires_at = NULL
      WHERE id = ? /* id */`),

    /** Back to pending at @available_at, counting the failed attempt; a message already sent stays sent. */
    markRetry: db.prepare<{ id: number; error: string; available_at: number }>(`
      UPDATE outbox SET status = 'pending', attempts = attempts + 1, last_error = @error,
        available_at = @available_at, lease_owner = NULL, lease_expires_at = NULL
      WHERE id = @id AND status IN ('pending', 'sending')`),

    /** Back to pending at @available_at without counting an attempt; a message already sent stays sent. */
    markPostponed: db.prepare<{ id: number; reason: string; available_at: number }>(`
      UPDATE outbox SET status = 'pending', last_error = @reason,
        available_at = @available_at, lease_owner = NULL, lease_expires_at = NULL
      WHERE id = @id AND status IN ('pending', 'sending')`),

    /** Gives up on a message; a message already sent stays sent. */
    markDead: db.prepare<{ id: number; error: string }>(`
      UPDATE outbox SET status = 'dead', attempts = attempts + 1, last_error = @error,
        lease_owner = NULL, lease_expires_at = NULL
      WHERE id = @id AND status IN ('pending', 'sending')`),

    getOutbox: db.prepare<[number], OutboxDbRow>('SELECT * FROM outbox WHERE id = ?'),

    /** Owners of the messages being sent. */
    outboxLeaseOwners: db.prepare<[], { owner: string }>(
      `SELECT DISTINCT lease_owner AS owner FROM outbox INDEXED BY outbox_sending WHERE status = 'sending'`,
    ),

    /** Ends @owner's send leases at @now: its messages can be taken over at once. */
    expireOutboxLeases: db.prepare<{ owner: string; now: number }>(`
      UPDATE outbox SET lease_expires_at = @now
      WHERE status = 'sending' AND lease_owner = @owner AND lease_expires_at > @now`),

    /** Deletes finished (sent or dead) messages created before @before. */
    pruneOutbox: db.prepare<{ before: number }>(`
      DELETE FROM outbox WHERE status IN ('sent', 'dead') AND created_at < @before`),

    /** Messages not yet sent (pending or being sent) and dead letters, each from its partial index. */
    countOutbox: db.prepare<[], { pending: number; dead: number }>(`
      SELECT
        (SELECT COUNT(*) FROM outbox INDEXED BY outbox_pending WHERE status = 'pending')
          + (SELECT COUNT(*) FROM outbox INDEXED BY outbox_sending WHERE status = 'sending') AS pending,
        (SELECT COUNT(*) FROM outbox INDEXED BY outbox_dead WHERE status = 'dead') AS dead`),

    /** Metrics: rows by platform and status, their failed attempts, the oldest's creation (one scan, per scrape). */
    outboxByPlatform: db.prepare<[], { platform: string; status: string; n: number; failed_attempts: number; oldest: number | null }>(`
      SELECT platform, status, COUNT(*) AS n, COALESCE(SUM(attempts), 0) AS failed_attempts, MIN(created_at) AS oldest
      FROM outbox GROUP BY platform, status`),
  };
}

/** The table and columns of insertOutbox. */
const OUTBOX_INTO = `outbox (key, job_id, platform, chat_id, thread_id, reply_to, text, actions, meta,
        status, attempts, available_at, created_at)`;
const OUTBOX_ROW = `(? /* key */, ? /* job_id */, ? /* platform */, ? /* chat_id */, ? /* thread_id */,
        ? /* reply_to */, ? /* text */, ? /* actions */, ? /* meta */, 'pending', 0, ? /* now */, ? /* now */)`;
/** Values per message in insertOutbox. */
const OUTBOX_WIDTH = OUTBOX_ROW.split('?').length - 1;

/**
 * insertOutbox: `OR IGNORE`, so no statement journal (multi-row.ts), which drops a message a
 * NOT NULL refuses as silently as one whose key is taken. When fewer messages went in than
 * were given, they go again through the insert that drops only taken keys and aborts on any
 * other refusal: a malformed message throws there with SQLite's error, as it always did, and
 * the rest, inserted or dropped by the first, change nothing.
 */
function insertOutbox(db: Db): (values: unknown[]) => void {
  const insert = multiRowInsert(db, `INSERT OR IGNORE INTO ${OUTBOX_INTO}`, OUTBOX_ROW);
  const insertOrAbort = multiRowInsert(db, `INSERT INTO ${OUTBOX_INTO}`, OUTBOX_ROW, 'ON CONFLICT (key) DO NOTHING');
  return (values) => {
    if (insert(values) === values.length / OUTBOX_WIDTH) return;
    const late = insertOrAbort(values);
    if (late > 0) throw new Error(`store: ${late} outbox messages were refused, then went in`);
  };
}

/** Appends the values of a pending message added at `now` to `out` (insertOutbox). */
export function pushOutboxValues(out: unknown[], m: OutboxParams, now: number): void {
  out.push(m.key, m.job_id, m.platform, m.chat_id, m.thread_id, m.reply_to, m.text, m.actions, m.meta, now, now);
}

const OUTBOX_STATUSES: ReadonlySet<string> = new Set<OutboxStatus>(['pending', 'sending', 'sent', 'dead']);

/**
 * Outbox rows matching the filter, in id (creation) order; no limit by default. The status is
 * written into the SQL (checked against the fixed set), not bound: only a literal lets the
 * planner use the partial index of that status (`outbox_dead` for the dead-letter list).
 */
export function listOutboxSql(f: { status?: OutboxStatus; jobId?: string; limit?: number } = {}): {
  sql: string;
  params: Record<string, unknown>;
} {
  const parts: string[] = [];
  const params: Record<string, unknown> = { limit: f.limit ?? -1 };
  if (f.status !== undefined) {
    if (!OUTBOX_STATUSES.has(f.status)) throw new Error(`store: unknown outbox status ${JSON.stringify(f.status)}`);
    parts.push(`status = '${f.status}'`);
  }
  if (f.jobId !== undefined) {
    parts.push('job_id = @job_id');
    params.job_id = f.jobId;
  }
  const where = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
  return { sql: `SELECT * FROM outbox ${where} ORDER BY id LIMIT CAST(@limit AS INTEGER)`, params };
}
