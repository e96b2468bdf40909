import { describe, expect, it } from 'vitest';
import { isPredecessor, leaseIdentity, parseLeaseOwner, processAlive } from '../../src/core/lease-owner.js';
import { recoverPredecessorLeases } from '../../src/core/lease-recovery.js';

describe('lease owner identity', () => {
  it('is [<CHIME_INSTANCE_ID>@]<host>:<pid>:<random>', () => {
    const named = leaseIdentity({ instanceId: 'chime-1', host: 'box', pid: 42 });
    expect(named).toMatchObject({ name: 'chime-1', host: 'box', pid: 42 });
    expect(named.owner).toMatch(/^chime-1@box:42:[0-9a-f]{6}$/);
    expect(parseLeaseOwner(named.owner)).toEqual({ name: 'chime-1', host: 'box', pid: 42 });
    const plain = leaseIdentity({ host: 'box', pid: 7 });
    expect(plain.owner).toMatch(/^box:7:[0-9a-f]{6}$/);
    expect(leaseIdentity({ host: 'box', pid: 7 }).owner).not.toBe(plain.owner); // each process its own
    expect(parseLeaseOwner('box:7:abc123:outbox')).toEqual({ name: undefined, host: 'box', pid: 7 }); // older dispatcher owners
    expect(parseLeaseOwner('someone else')).toBeUndefined();
  });

  it("on this host: claims of a process gone from it, or of an earlier process with our pid, are a predecessor's", () => {
    const me = leaseIdentity({ host: 'box', pid: 100 });
    const alive = (pid: number) => pid === 100 || pid === 200;
    expect(isPredecessor('box:300:aaaaaa', me, alive)).toBe(true); // gone
    expect(isPredecessor('box:200:aaaaaa', me, alive)).toBe(false); // another Chime still running here
    expect(isPredecessor('box:100:bbbbbb', me, alive)).toBe(true); // a container restarted as the same pid
    expect(isPredecessor(me.owner, me, alive)).toBe(false);
    expect(isPredecessor('other-box:300:aaaaaa', me, alive)).toBe(false); // another host: its lease decides
    expect(isPredecessor('chime-1@box:300:aaaaaa', me, alive)).toBe(false); // a named instance is not us
  });

  it('with CHIME_INSTANCE_ID: the same name on another host is a predecessor; on this host only once gone (a CLI command runs under the name too)', () => {
    const me = leaseIdentity({ instanceId: 'chime-1', host: 'box', pid: 1 });
    const alive = (pid: number) => pid === 1 || pid === 77;
    expect(isPredecessor('chime-1@old-box:77:aaaaaa', me, alive)).toBe(true); // moved hosts
    expect(isPredecessor('chime-1@box:1:aaaaaa', me, alive)).toBe(true); // restarted container
    expect(isPredecessor('chime-1@box:55:aaaaaa', me, alive)).toBe(true); // gone
    expect(isPredecessor('chime-1@box:77:aaaaaa', me, alive)).toBe(false); // alive here
    expect(isPredecessor('chime-2@old-box:77:aaaaaa', me, alive)).toBe(false);
    expect(isPredecessor('old-box:77:aaaaaa', me, alive)).toBe(false);
  });

  it('processAlive: this process is, a pid far beyond the system limit is not', () => {
    expect(processAlive(process.pid)).toBe(true);
    expect(processAlive(2 ** 30)).toBe(false);
  });

  it("recovery ends only the predecessors' leases", async () => {
    const me = leaseIdentity({ host: 'box', pid: 100 });
    const ended: string[][] = [];
    const store = {
      leaseOwners: () => ['box:300:aaaaaa', 'box:200:bbbbbb', 'elsewhere:300:cccccc', me.owner],
      expireLeases: (owners: string[]) => {
        ended.push(owners);
        return 5;
      },
    };
    const r = await recoverPredecessorLeases(store, me, new Date(0), { alive: (pid) => pid === 200 });
    expect(r).toEqual({ owners: ['box:300:aaaaaa'], leases: 5 });
    expect(ended).toEqual([['box:300:aaaaaa']]);
  });
});
