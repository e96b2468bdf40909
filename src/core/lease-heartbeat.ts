import type { Logger } from './ports/logger.js';
import type { Clock } from './ports/clock.js';
import type { JobStore } from './ports/job-store.js';
import type { Lease } from './run.js';

export interface LeaseHeartbeatDeps {
  store: Pick<JobStore, 'extendLeases'>;
  clock: Clock;
  logger: Logger;
  lease: Lease;
  /** Run ids in progress in this process right now. */
  runningIds: () => string[];
  /** Renews this process's hold on its instance id (core/instance-claim.ts) on the same beat. */
  presence?: { renew(): Promise<void> };
}

/**
 * Keeps the claims of this process's running jobs alive: every third of the lease (at least
 * a second) it extends all of them in one store call, so a long run is not taken over by
 * another instance while a crashed process's claims still expire, and renews the process's
 * instance id. Ends when `signal` aborts.
 */
export async function runLeaseHeartbeat(deps: LeaseHeartbeatDeps, signal: AbortSignal): Promise<void> {
  const { clock, lease } = deps;
  const every = Math.max(1000, Math.floor(lease.durationMs / 3));
  while (!signal.aborted) {
    await clock.sleepUntil(new Date(clock.now().getTime() + every), signal).catch(() => undefined);
    if (signal.aborted) break;
    // Every third of the lease, so another start under this id sees it renewed within the lease.
    await deps.presence?.renew().catch((err: unknown) => deps.logger.error({ err }, 'instance id heartbeat failed'));
    const ids = deps.runningIds();
    if (ids.length === 0) continue;
    try {
      await deps.store.extendLeases(ids, clock.now(), lease);
    } catch (err) {
      deps.logger.error({ err }, 'lease heartbeat failed');
    }
  }
}
