import type { JobStore } from './ports/job-store.js';
import { type LeaseIdentity, isPredecessor, processAlive } from './lease-owner.js';

/**
 * At start, before anything is claimed: ends the leases an earlier process of this instance
 * left behind when it died (runs in progress, messages being sent), so they are taken over at
 * once, in order, instead of after their lease (a minute by default) while newer messages to
 * the same chats wait behind them. Returns the owners recovered and the leases ended.
 */
export async function recoverPredecessorLeases(
  store: Pick<JobStore, 'leaseOwners' | 'expireLeases'>,
  me: LeaseIdentity,
  now: Date,
  alive: (pid: number) => boolean = processAlive,
): Promise<{ owners: string[]; leases: number }> {
  const owners = (await store.leaseOwners()).filter((owner) => isPredecessor(owner, me, alive));
  if (owners.length === 0) return { owners, leases: 0 };
  return { owners, leases: await store.expireLeases(owners, now) };
}
