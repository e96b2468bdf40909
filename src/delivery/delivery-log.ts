import type { OutboxRow } from '../core/run.js';
import type { Logger } from '../core/ports/logger.js';

/** What happened to one row, for the log and for tests. */
export type DeliveryOutcome = 'sent' | 'retry' | 'rate-limited' | 'dead' | 'deferred' | 'no-sender';

/** One log line per row outcome: given up is a warning, sent is debug, the waits are info. */
export function logOutcome(logger: Logger, row: OutboxRow, outcome: DeliveryOutcome, error?: Error): void {
  const fields = {
    outbox_id: row.id,
    job_id: row.jobId,
    platform: row.to.platform,
    chat_id: row.to.chatId,
    attempts: row.attempts,
    outcome,
    ...(error ? { error: error.message, error_class: error.name } : {}),
  };
  if (outcome === 'dead') logger.warn(fields, 'outbox message given up');
  else if (outcome === 'sent') logger.debug(fields, 'outbox message sent');
  else logger.info(fields, `outbox message ${outcome}`);
}
