import { afterEach, expect, it } from 'vitest';
import type { OutboxMessage } from '../../src/core/run.js';
import { T0, at, reminder } from './contract.js';
import { PgSchemaFixture, describePg } from './pg-harness.js';

const MIN = 60_000;

describePg('PostgreSQL store: concurrent claims from two stores (FOR UPDATE SKIP LOCKED)', () => {
  let fx: PgSchemaFixture;
  afterEach(() => fx.dispose());

  it('expired leases taken over by two stores at once: each occurrence once, one abandoned run each', async () => {
    fx = new PgSchemaFixture();
    const a = await fx.open({ poolSize: 4 });
    const b = await fx.open({ poolSize: 4 });
    const n = 120;
    await Promise.all(Array.from({ length: n }, (_, i) => a.jobs.createJob(reminder(i), T0)));
    expect(await a.jobs.claimDue(at(n), n, { owner: 'dead', durationMs: MIN })).toHaveLength(n);
    const later = at(n + MIN);
    const takeOver = async (store: typeof a, owner: string) => {
      const ids: string[] = [];
      for (;;) {
        const runs = await store.jobs.claimDue(later, 5, { owner, durationMs: MIN });
        if (runs.length === 0) return ids;
        for (const r of runs) {
          expect(r).toMatchObject({ leaseOwner: owner, trigger: 'schedule' });
          ids.push(r.job.id);
        }
      }
    };
    const [x, y] = await Promise.all([takeOver(a, 'proc-a'), takeOver(b, 'proc-b'), takeOver(a, 'proc-a2'), takeOver(b, 'proc-b2')]).then(
      ([p, q, r, s]) => [
        [...p, ...r],
        [...q, ...s],
      ],
    );
    const all = [...x!, ...y!];
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(n);
    expect(await a.jobs.listRuns({ status: 'abandoned', limit: 1000 })).toHaveLength(n);
    expect(await a.jobs.listRuns({ status: 'running', limit: 1000 })).toHaveLength(n);
  });

  it('two dispatchers claiming the outbox at once never get one message twice', async () => {
    fx = new PgSchemaFixture();
    const a = await fx.open({ poolSize: 4 });
    const b = await fx.open({ poolSize: 4 });
    const n = 400;
    const messages: OutboxMessage[] = Array.from({ length: n }, (_, i) => ({
      key: `k${i}`,
      jobId: null,
      to: { platform: 'console', chatId: 'c' },
      text: `m${i}`,
    }));
    await a.jobs.enqueueOutbox(messages, T0);
    const drain = async (store: typeof a, owner: string) => {
      const ids: number[] = [];
      for (;;) {
        const rows = await store.jobs.claimOutbox(at(1), 7, { owner, durationMs: MIN });
        if (rows.length === 0) return ids;
        for (const r of rows) {
          ids.push(r.id);
          await store.jobs.markSent(r.id, `${owner}:${r.id}`, at(2));
        }
      }
    };
    const got = (await Promise.all([drain(a, 'a1'), drain(b, 'b1'), drain(a, 'a2'), drain(b, 'b2')])).flat();
    expect(new Set(got).size).toBe(got.length);
    expect(got).toHaveLength(n);
    expect(await a.jobs.listOutbox({ status: 'sent' })).toHaveLength(n);
    // Insertion order is id order, and each message went out once.
    expect((await a.jobs.listOutbox()).map((m) => m.text)).toEqual(messages.map((m) => m.text));
  });
});
