import type { Clock } from '../core/ports/clock.js';
import type { JobStatus, NewJob } from '../core/job.js';
import { ExpiringMap } from './expiring-map.js';
import type { JobDefinition } from '../core/job-version.js';
import { OneAtATime } from './one-at-a-time.js';
import type { ReaderZone } from './reader-zone.js';

/** A reminder waiting for its creator's answer ("Add anyway" / "Cancel"). */
export interface PendingCreation {
  platform: string;
  userId: string;
  job: NewJob;
  /** Fire times the parser reported, for the confirmation. */
  next: Date[];
  /** The zone the asker reads times in, for the confirmation. */
  reader: ReaderZone;
}

/** A snoozed copy as a cancel of its series left it, with what its Undo puts back. */
export interface CancelledCopy {
  id: string;
  /** Its state version after the cancel: a copy changed since is not overwritten. */
  version: string;
  status: JobStatus;
  nextRunAt: Date | null;
}

/** What the chat layer keeps between a message and a later button press, in this process. */
export interface ChatMemory {
  /** Definitions replaced by edits, keyed `<job id>.<state version after the edit>`. */
  editsUndone: ExpiringMap<JobDefinition>;
  /**
   * Snoozed copies a cancel of their series ended with it, keyed `<series id>.<state version
   * after the cancel>`: the series' Undo brings them back too.
   */
  copiesUndone: ExpiringMap<CancelledCopy[]>;
  /** Reminders waiting for an answer, keyed by the question's token. */
  pendingCreations: ExpiringMap<PendingCreation>;
  /**
   * Presses and typed changes on one job (job-turn.ts), presses on one question, one after
   * another.
   */
  turns: OneAtATime;
}

const DAY_MS = 24 * 3600_000;

export function createChatMemory(clock: Clock): ChatMemory {
  const now = () => clock.now();
  return {
    editsUndone: new ExpiringMap(now, DAY_MS),
    copiesUndone: new ExpiringMap(now, DAY_MS),
    pendingCreations: new ExpiringMap(now, DAY_MS),
    turns: new OneAtATime(),
  };
}
