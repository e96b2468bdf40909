import type { Lease, OutboxMessage, OutboxRow } from '../../src/core/run.js';
import type { OutboxStore } from '../../src/delivery/outbox-dispatcher.js';

/**
 * Outbox part of a JobStore in memory, with the semantics the SQLite store documents:
 * claims take pending rows (and sending rows whose lease expired) in (availableAt, id) order;
 * markRetry counts the failed attempt. Used until/besides the real store in dispatcher tests.
 */
export class MemoryOutbox implements OutboxStore {
  rows: Array<OutboxRow & { leaseUntil?: number }> = [];
  private nextId = 1;

  enqueue(messages: OutboxMessage[], now: Date): void {
    for (const m of messages) {
      if (this.rows.some((r) => r.key === m.key)) continue;
      this.rows.push({ ...m, id: this.nextId++, status: 'pending', attempts: 0, availableAt: now, createdAt: now, sentAt: null, lastError: null, sentRef: null });
    }
  }
  claimOutbox(now: Date, limit: number, lease: Lease): OutboxRow[] {
    const t = now.getTime();
    const due = this.rows
      .filter((r) => (r.status === 'pending' && r.availableAt.getTime() <= t) || (r.status === 'sending' && (r.leaseUntil ?? 0) <= t))
      .sort((a, b) => a.availableAt.getTime() - b.availableAt.getTime() || a.id - b.id)
      .slice(0, limit);
    for (const r of due) {
      r.status = 'sending';
      r.leaseUntil = t + lease.durationMs;
    }
    return due.map((r) => ({ ...r }));
  }
  nextOutboxAt(): Date | undefined {
    const times = this.rows.filter((r) => r.status === 'pending').map((r) => r.availableAt.getTime());
    return times.length ? new Date(Math.min(...times)) : undefined;
  }
  private get(id: number): OutboxRow & { leaseUntil?: number } {
    const r = this.rows.find((x) => x.id === id);
    if (!r) throw new Error(`no row ${id}`);
    return r;
  }
  markSent(id: number, sentRef: string, now: Date): void {
    Object.assign(this.get(id), { status: 'sent', sentRef, sentAt: now });
  }
  markRetry(id: number, error: string, availableAt: Date): void {
    const r = this.get(id);
    Object.assign(r, { status: 'pending', attempts: r.attempts + 1, lastError: error, availableAt });
  }
  markDead(id: number, error: string): void {
    Object.assign(this.get(id), { status: 'dead', lastError: error });
  }
}
