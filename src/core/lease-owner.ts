import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Who holds a lease, written into every claim as `[<name>@]<host>:<pid>:<random>`, the name
 * being the operator's `CHIME_INSTANCE_ID` when set. A restarted process knows the claims of
 * its dead predecessor by it and ends their leases at once instead of waiting for them to
 * expire (see lease-recovery.ts).
 */
export interface LeaseIdentity {
  /** The lease owner string this process writes. */
  owner: string;
  /** CHIME_INSTANCE_ID: one running instance per name, possibly moving between hosts. */
  name: string | undefined;
  host: string;
  pid: number;
}

export function leaseIdentity(opts: { instanceId?: string | undefined; host?: string; pid?: number } = {}): LeaseIdentity {
  const host = opts.host ?? hostname();
  const pid = opts.pid ?? process.pid;
  const name = opts.instanceId;
  return { owner: `${name !== undefined ? `${name}@` : ''}${host}:${pid}:${randomBytes(3).toString('hex')}`, name, host, pid };
}

/** Name, host and pid of an owner string; undefined for one Chime did not write. */
export function parseLeaseOwner(owner: string): { name: string | undefined; host: string; pid: number } | undefined {
  const m = /^(?:([^@:]+)@)?([^@:]+):(\d+):[0-9a-f]+(?::[a-z]+)?$/.exec(owner);
  return m ? { name: m[1], host: m[2]!, pid: Number(m[3]) } : undefined;
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
 * taken over now. Same name (or both unnamed) is required. On this host the process must be
 * gone, or have had our pid (a container restarted runs as the same pid): a live one is
 * another Chime here, a CLI command say. On another host only a named instance is ours (it
 * moved). A live process that reused the owner's pid makes us wait for the lease: slower only.
 */
export function isPredecessor(owner: string, me: LeaseIdentity, alive: (pid: number) => boolean = processAlive): boolean {
  if (owner === me.owner) return false;
  const parsed = parseLeaseOwner(owner);
  if (!parsed || parsed.name !== me.name) return false;
  if (parsed.host === me.host) return parsed.pid === me.pid || processGone(parsed, me, alive);
  return me.name !== undefined;
}

/**
 * Whether the process `host`:`pid` is known to be gone: it ran on this host under another pid
 * and no process has that pid now. Anywhere else, or under our own pid (a restarted container,
 * or another app in this process), only silence tells.
 */
export function processGone(p: { host: string; pid: number }, me: LeaseIdentity, alive: (pid: number) => boolean = processAlive): boolean {
  return p.host === me.host && p.pid !== me.pid && !alive(p.pid);
}
