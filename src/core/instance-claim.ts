import { ConfigError } from './errors.js';
import { type LeaseIdentity, processAlive, processGone } from './lease-owner.js';
import type { Clock } from './ports/clock.js';
import type { InstanceRecord, InstanceRegistry } from './ports/instance-registry.js';
import type { Logger } from './ports/logger.js';

/**
 * `chime start` under an instance id another live process holds. A ConfigError: `chime start`
 * prints the message alone and exits 1, before anything was claimed, sent or written.
 */
export class InstanceInUseError extends ConfigError {
  override name = 'InstanceInUseError';
  constructor(
    readonly holder: InstanceRecord,
    now: Date,
    configured: boolean,
  ) {
    super(instanceInUseMessage(holder, now, configured));
  }
}

const iso = (d: Date): string => d.toISOString();

/** What a refused start says: the id, who holds it and when it was last seen, why, and the fix. */
export function instanceInUseMessage(holder: InstanceRecord, now: Date, configured: boolean): string {
  const ago = Math.max(0, Math.round((now.getTime() - holder.seenAt.getTime()) / 1000));
  const free = new Date(holder.seenAt.getTime() + holder.leaseMs);
  const id = configured ? `CHIME_INSTANCE_ID=${holder.id}` : `Instance id ${holder.id}`;
  return (
    `${id} is in use by another running Chime (pid ${holder.pid} on host ${holder.host}, started ${iso(holder.startedAt)}, ` +
    `last seen ${iso(holder.seenAt)}, ${ago} s ago), so this one does not start: two processes under one id take each ` +
    `other's runs in progress for a crashed predecessor's and run them again. Fix: give each instance its own ` +
    `CHIME_INSTANCE_ID, or stop the other one. If the other has crashed, the id is free once it has been silent for its ` +
    `lease (${holder.leaseMs / 1000} s), from ${iso(free)}.`
  );
}

export interface InstanceClaimDeps {
  registry: InstanceRegistry;
  identity: LeaseIdentity;
  clock: Clock;
  /** This process's lease (CHIME_LEASE_MS); the lease heartbeat renews the claim every third of it. */
  leaseMs: number;
  logger: Logger;
  /** Whether a pid runs on this host (tests). */
  alive?: (pid: number) => boolean;
}

/**
 * This process's hold on its instance id: CHIME_INSTANCE_ID, or when none is set the lease
 * owner itself (host, pid and random: no two processes share it). Lease recovery takes an
 * earlier process of the same id for this one's crashed predecessor, so only one live process
 * may hold an id. `claim()` at start refuses while another holds it and renewed it within its
 * lease; the lease heartbeat calls `renew()`; a clean stop calls `release()`, so a restart
 * need not wait. A crashed holder's id is free once it has been silent for its lease, or at
 * once when it ran on this host and its pid is gone.
 */
export class InstanceClaim {
  readonly id: string;
  private held = false;
  private startedAt: Date | undefined;
  /** The boot token of the process the id was lost to, logged once. */
  private lostTo: string | undefined;
  private readonly alive: (pid: number) => boolean;

  constructor(private readonly deps: InstanceClaimDeps) {
    this.id = deps.identity.name ?? deps.identity.owner;
    this.alive = deps.alive ?? processAlive;
  }

  /** Whether `holder` is gone at `now`: silent for its lease, or its process is known gone. */
  private gone(holder: InstanceRecord, now: Date): boolean {
    return now.getTime() - holder.seenAt.getTime() >= holder.leaseMs || processGone(holder, this.deps.identity, this.alive);
  }

  private record(now: Date): InstanceRecord {
    const { identity, leaseMs } = this.deps;
    this.startedAt ??= now;
    return { id: this.id, boot: identity.owner, host: identity.host, pid: identity.pid, startedAt: this.startedAt, seenAt: now, leaseMs };
  }

  /** Takes the id, or throws InstanceInUseError having written nothing. Returns the earlier holder taken over, if any. */
  async claim(): Promise<InstanceRecord | undefined> {
    const now = this.deps.clock.now();
    const out = await this.deps.registry.claim(this.record(now), (holder) => this.gone(holder, now));
    if (!out.claimed) throw new InstanceInUseError(out.holder, now, this.deps.identity.name !== undefined);
    this.held = true;
    return out.previous?.boot === this.deps.identity.owner ? undefined : out.previous;
  }

  /**
   * Heartbeat. When the id is no longer ours (this process was silent for longer than its
   * lease: suspended, or the database out of reach), it is taken back if free; if another
   * process took it, that one has taken over this one's runs, and the error says so once.
   */
  async renew(): Promise<void> {
    if (!this.held) return;
    const { registry, identity, clock, logger } = this.deps;
    const now = clock.now();
    if (await registry.renew(this.id, identity.owner, now)) return;
    const out = await registry.claim(this.record(now), (holder) => this.gone(holder, now));
    if (out.claimed) {
      this.lostTo = undefined;
      logger.warn({ instanceId: this.id }, 'instance id taken back: this process had not renewed it for longer than its lease');
      return;
    }
    if (this.lostTo === out.holder.boot) return;
    this.lostTo = out.holder.boot;
    const { pid, host, startedAt } = out.holder;
    logger.error(
      { instanceId: this.id, holder: { pid, host, startedAt } },
      'instance id taken over by another process while this one had not renewed it for longer than its lease: both now run under it, and this one’s runs in progress were taken over. Stop one of them, or give each its own CHIME_INSTANCE_ID',
    );
  }

  /** Clean stop: the id is free at once. */
  async release(): Promise<void> {
    if (!this.held) return;
    this.held = false;
    await this.deps.registry.release(this.id, this.deps.identity.owner);
  }

  /** Lease owners of other processes that still renew their instance id (alive, whatever their owner string suggests). */
  async runningOwners(): Promise<Set<string>> {
    const now = this.deps.clock.now();
    const live = await this.deps.registry.live(now);
    return new Set(live.filter((r) => r.boot !== this.deps.identity.owner && !this.gone(r, now)).map((r) => r.boot));
  }
}
