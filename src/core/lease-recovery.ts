import type { JobStore } from './ports/job-store.js';
import { type LeaseIdentity, isPredecessor, processAlive } from './lease-owner.js';

/**
 * At start, before anything is claimed: ends the leases an earlier process of this instance
 * left behind when it died (runs in progress, messages being sent), so they are taken over at
 * once, in order, instead of after their lease (a minute by default) while newer messages to
 * the same chats wait behind them. Owners in `running` are processes that still renew their
 * instance id (core/instance-claim.ts): they may look like a predecessor (another container
 * under our pid and host name, another app in this process) but are alive, so their leases are
 * left to expire. Returns the owners recovered and the leases ended.
 */
export async function recoverPredecessorLeases(
  store: Pick<JobStore, 'leaseOwners' | 'expireLeases'>,
  me: LeaseIdentity,
  now: Date,
  opts: { alive?: (pid: number) => boolean; running?: ReadonlySet<string> } = {},
): Promise<{ owners: string[]; leases: number }> {
  const alive = opts.alive ?? processAlive;
  const owners = (await store.leaseOwners()).filter((owner) => isPredecessor(owner, me, alive) && !opts.running?.has(owner));
  if (owners.length === 0) return { owners, leases: 0 };
  return { owners, leases: await store.expireLeases(owners, now) };
}
