import type { MaybePromise } from './job-store.js';

/** A running process's hold on an instance id (migration 0013). */
export interface InstanceRecord {
  /** The instance id: CHIME_INSTANCE_ID, or the process's own lease owner when none is set. */
  id: string;
  /** The holding process's boot token: its lease owner, new at every start. */
  boot: string;
  host: string;
  pid: number;
  startedAt: Date;
  /** Its last heartbeat, by its clock. */
  seenAt: Date;
  /** Its lease (CHIME_LEASE_MS): silent this long, it counts as gone. */
  leaseMs: number;
}

export type InstanceClaimOutcome = { claimed: true; previous: InstanceRecord | undefined } | { claimed: false; holder: InstanceRecord };

/**
 * Which process holds each instance id, shared by every process on the database. Only
 * `chime start` writes here: at start, on its heartbeat, and at a clean stop.
 */
export interface InstanceRegistry {
  /**
   * In one transaction, serialised per id across processes: reads who holds `me.id`. When
   * nobody does, `me.boot` already does, or `mayTakeOver(holder)` says the holder is gone,
   * writes `me` as the holder and drops the other rows silent for their lease. Otherwise
   * writes nothing and returns the holder.
   */
  claim(me: InstanceRecord, mayTakeOver: (holder: InstanceRecord) => boolean): MaybePromise<InstanceClaimOutcome>;
  /** Heartbeat: `seenAt` of the id while `boot` holds it; false when it no longer does. */
  renew(id: string, boot: string, seenAt: Date): MaybePromise<boolean>;
  /** Clean stop: gives the id up while `boot` holds it; false when it no longer did. */
  release(id: string, boot: string): MaybePromise<boolean>;
  /** Every holder whose last heartbeat is less than its lease before `now`. */
  live(now: Date): MaybePromise<InstanceRecord[]>;
}
