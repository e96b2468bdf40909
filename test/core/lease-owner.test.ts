import { describe, expect, it } from 'vitest';
import { isPredecessor, leaseIdentity, parseLeaseOwner, processAlive } from '../../src/core/lease-owner.js';
import { recoverPredecessorLeases } from '../../src/core/lease-recovery.js';

describe('lease owner identity', () => {
  it('is <instance>:<pid>:<random>, the instance being CHIME_INSTANCE_ID or else the host name', () => {
    const named = leaseIdentity({ instanceId: 'chime-1', pid: 42 });
    expect(named).toMatchObject({ instance: 'chime-1', pid: 42, explicit: true });
    expect(named.owner).toMatch(/^chime-1:42:[0-9a-f]{6}$/);
    expect(parseLeaseOwner(named.owner)).toEqual({ instance: 'chime-1', pid: 42 });
    const host = leaseIdentity({ host: 'box', pid: 7 });
    expect(host).toMatchObject({ instance: 'box', explicit: false });
    expect(leaseIdentity({ host: 'box', pid: 7 }).owner).not.toBe(host.owner); // each process its own
    expect(parseLeaseOwner('box:7:abc123:outbox')).toEqual({ instance: 'box', pid: 7 }); // older dispatcher owners
    expect(parseLeaseOwner('host-a:1:aaaa')).toEqual({ instance: 'host-a', pid: 1 });
    expect(parseLeaseOwner('someone else')).toBeUndefined();
  });

  it('on a host: claims of a process gone from it, or of an earlier process with the same pid, are a predecessor\'s', () => {
    const me = leaseIdentity({ host: 'box', pid: 100 });
    const alive = (pid: number) => pid === 100 || pid === 200;
    expect(isPredecessor('box:300:aaaaaa', me, alive)).toBe(true); // gone
    expect(isPredecessor('box:200:aaaaaa', me, alive)).toBe(false); // another Chime still running here
    expect(isPredecessor('box:100:bbbbbb', me, alive)).toBe(true); // a container restarted as the same pid
    expect(isPredecessor(me.owner, me, alive)).toBe(false);
    expect(isPredecessor('other-box:300:aaaaaa', me, alive)).toBe(false); // another host: its lease decides
  });

  it('with CHIME_INSTANCE_ID every other owner under that name is a predecessor, wherever it ran', () => {
    const me = leaseIdentity({ instanceId: 'chime-1', pid: 1 });
    const alive = () => true;
    expect(isPredecessor('chime-1:1:aaaaaa', me, alive)).toBe(true);
    expect(isPredecessor('chime-1:77:aaaaaa', me, alive)).toBe(true);
    expect(isPredecessor('chime-2:77:aaaaaa', me, alive)).toBe(false);
  });

  it('processAlive: this process is, a pid far beyond the system limit is not', () => {
    expect(processAlive(process.pid)).toBe(true);
    expect(processAlive(2 ** 30)).toBe(false);
  });

  it('recovery ends only the predecessors\' leases', async () => {
    const me = leaseIdentity({ host: 'box', pid: 100 });
    const ended: string[][] = [];
    const store = {
      leaseOwners: () => ['box:300:aaaaaa', 'box:200:bbbbbb', 'elsewhere:300:cccccc', me.owner],
      expireLeases: (owners: string[]) => (ended.push(owners), 5),
    };
    const r = await recoverPredecessorLeases(store, me, new Date(0), (pid) => pid === 200);
    expect(r).toEqual({ owners: ['box:300:aaaaaa'], leases: 5 });
    expect(ended).toEqual([['box:300:aaaaaa']]);
  });
});
