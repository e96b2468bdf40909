import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Who holds a lease, written into every claim as `<instance>:<pid>:<random>`. The instance is
 * the operator's `CHIME_INSTANCE_ID` when set, else the host name. A restarted process knows
 * the claims of its dead predecessor by that prefix and ends their leases at once instead of
 * waiting for them to expire (see lease-recovery.ts).
 */
export interface LeaseIdentity {
  /** The lease owner string this process writes. */
  owner: string;
  instance: string;
  pid: number;
  /**
   * The operator named the instance and promises one running process per name: any other
   * owner under that name is a predecessor. Without it, the host name is shared by every
   * Chime on the host, and only an owner whose process is gone is one.
   */
  explicit: boolean;
}

export function leaseIdentity(opts: { instanceId?: string | undefined; host?: string; pid?: number } = {}): LeaseIdentity {
  const instance = opts.instanceId ?? opts.host ?? hostname();
  const pid = opts.pid ?? process.pid;
  return { owner: `${instance}:${pid}:${randomBytes(3).toString('hex')}`, instance, pid, explicit: opts.instanceId !== undefined };
}

/** Instance and pid of an owner string; undefined for one Chime did not write. */
export function parseLeaseOwner(owner: string): { instance: string; pid: number } | undefined {
  const m = /^(.+):(\d+):[0-9a-f]+(?::[a-z]+)?$/.exec(owner);
  return m ? { instance: m[1]!, pid: Number(m[2]) } : undefined;
}

/** Whether a process with this id runs on this host (EPERM: it does, under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether `owner` was an earlier process of this instance that is gone, so its claims can be
 * taken over now. The same pid under another random part is an earlier process too (a
 * container restarted runs as the same pid). A live process with the owner's pid might be an
 * unrelated one that reused it: then the lease is left to expire, which is only slower.
 */
export function isPredecessor(owner: string, me: LeaseIdentity, alive: (pid: number) => boolean = processAlive): boolean {
  if (owner === me.owner) return false;
  const parsed = parseLeaseOwner(owner);
  if (!parsed || parsed.instance !== me.instance) return false;
  if (me.explicit) return true;
  return parsed.pid === me.pid || !alive(parsed.pid);
}
