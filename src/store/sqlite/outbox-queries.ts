import type { Db } from './open-db.js';
import type { OutboxStatus } from '../../core/run.js';
import type { OutboxDbRow } from './rows.js';

/** Parameters of an outbox insert: the row's message columns plus the insert time. */
export type OutboxInsert = Pick<OutboxDbRow, 'key' | 'job_id' | 'platform' | 'chat_id' | 'thread_id' | 'reply_to' | 'text' | 'actions' | 'meta'> & {
  now: number;
};

/** Every SQL statement on `outbox`, one named prepared statement each. Times are epoch ms. */
export function prepareOutboxQueries(db: Db) {
  return {
    /** Adds a message; a second message with the same key is silently dropped (effectively-once). */
    insertOutbox: db.prepare<OutboxInsert>(`
      INSERT INTO outbox (key, job_id, platform, chat_id, thread_id, reply_to, text, actions, meta,
        status, attempts, available_at, created_at)
      VALUES (@key, @job_id, @platform, @chat_id, @thread_id, @reply_to, @text, @actions, @meta,
        'pending', 0, @now, @now)
      ON CONFLICT (key) DO NOTHING`),

    /**
     * Leases up to @limit messages: pending ones available at @now and `sending` ones whose
     * lease expired (their dispatcher died mid-send), oldest first. Order of RETURNING is
     * unspecified (sort after).
     */
    claimOutbox: db.prepare<{ now: number; limit: number; owner: string; expires: number }, OutboxDbRow>(`
      UPDATE outbox SET status = 'sending', lease_owner = @owner, lease_expires_at = @expires
      WHERE id IN (
        SELECT id FROM (
          SELECT * FROM (
            SELECT id, available_at FROM outbox INDEXED BY outbox_pending
            WHERE status = 'pending' AND available_at <= @now
            ORDER BY available_at, id LIMIT @limit)
          UNION ALL
          SELECT * FROM (
            SELECT id, available_at FROM outbox INDEXED BY outbox_sending
            WHERE status = 'sending' AND lease_expires_at <= @now
            ORDER BY lease_expires_at LIMIT @limit))
        ORDER BY available_at, id LIMIT @limit)
      RETURNING *`),

    /** Earliest time a pending message becomes available. */
    minPendingAt: db.prepare<[], { t: number | null }>(
      `SELECT MIN(available_at) AS t FROM outbox INDEXED BY outbox_pending WHERE status = 'pending'`,
    ),

    /** Earliest expiry of a send lease (a dispatcher that died mid-send). */
    minSendingLease: db.prepare<[], { t: number | null }>(
      `SELECT MIN(lease_expires_at) AS t FROM outbox INDEXED BY outbox_sending WHERE status = 'sending'`,
    ),

    markSent: db.prepare<{ id: number; sent_ref: string; now: number }>(`
      UPDATE outbox SET status = 'sent', sent_ref = @sent_ref, sent_at = @now,
        lease_owner = NULL, lease_expires_at = NULL
      WHERE id = @id`),

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

    /** Deletes finished (sent or dead) messages created before @before. */
    pruneOutbox: db.prepare<{ before: number }>(`
      DELETE FROM outbox WHERE status IN ('sent', 'dead') AND created_at < @before`),

    /** Messages not yet sent (pending or being sent) and dead letters, each from its partial index. */
    countOutbox: db.prepare<[], { pending: number; dead: number }>(`
      SELECT
        (SELECT COUNT(*) FROM outbox INDEXED BY outbox_pending WHERE status = 'pending')
          + (SELECT COUNT(*) FROM outbox INDEXED BY outbox_sending WHERE status = 'sending') AS pending,
        (SELECT COUNT(*) FROM outbox INDEXED BY outbox_dead WHERE status = 'dead') AS dead`),
  };
}

export type OutboxQueries = ReturnType<typeof prepareOutboxQueries>;

const OUTBOX_STATUSES: ReadonlySet<string> = new Set<OutboxStatus>(['pending', 'sending', 'sent', 'dead']);

/**
 * Outbox rows matching the filter, in id (creation) order; no limit by default. The status is
 * written into the SQL (checked against the fixed set), not bound: only a literal lets the
 * planner use the partial index of that status (`outbox_dead` for the dead-letter list).
 */
export function listOutboxSql(f: { status?: OutboxStatus; jobId?: string; limit?: number } = {}): { sql: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = { limit: f.limit ?? -1 };
  if (f.status !== undefined) {
    if (!OUTBOX_STATUSES.has(f.status)) throw new Error(`store: unknown outbox status ${JSON.stringify(f.status)}`);
    parts.push(`status = '${f.status}'`);
  }
  if (f.jobId !== undefined) (parts.push('job_id = @job_id'), (params.job_id = f.jobId));
  const where = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
  return { sql: `SELECT * FROM outbox ${where} ORDER BY id LIMIT @limit`, params };
}
