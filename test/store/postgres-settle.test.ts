import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import type { ClaimedRun, OutboxMessage, Settlement } from '../../src/core/run.js';
import type { SettleRecord } from '../../src/store/engine/write-params.js';
import { pgJobQueries } from '../../src/store/postgres/pg-queries.js';
import { SETTLE_RUNS, settleValues } from '../../src/store/postgres/settle-queries.js';
import { T0, at, reminder } from './contract.js';
import { PG_URL, PgSchemaFixture, describePg } from './pg-harness.js';

const lease = { owner: 'host-a:1:aaaa', durationMs: 60_000 };
const msg = (key: string, jobId: string): OutboxMessage => ({ key, jobId, to: { platform: 'console', chatId: 'c' }, text: 'done' });
const done = (run: ClaimedRun, outbox: OutboxMessage[] = []): Settlement => ({
  run: { status: 'success', finishedAt: at(10), durationMs: 1, result: 'ok', error: null },
  job: { status: 'completed', nextRunAt: null, runCount: run.job.runCount + 1 },
  outbox,
});

describePg('PostgreSQL store: settleAll', () => {
  let fx: PgSchemaFixture;
  afterEach(() => fx.dispose());

  it('settles many runs in one transaction, results in input order, false for a lost lease', async () => {
    fx = new PgSchemaFixture();
    const { jobs } = await fx.open();
    for (const id of ['zz1', 'aa1', 'mm1']) await jobs.createJob(reminder(0, { id }), T0);
    const runs = await jobs.claimDue(at(1), 10, lease);
    expect(runs.map((r) => r.job.id)).toEqual(['zz1', 'aa1', 'mm1']);
    await jobs.deleteJob('aa1', at(2)); // its run's lease is gone
    const results = await jobs.settleAll(
      runs.map((run) => ({ run, settlement: done(run, [msg(`${run.job.id}:r`, run.job.id)]) })),
      at(10),
    );
    expect(results).toEqual([true, false, true]);
    expect(await jobs.countJobs({ status: 'completed' })).toBe(2);
    expect((await jobs.listOutbox()).map((m) => m.key).sort()).toEqual(['mm1:r', 'zz1:r']);
  });

  it("a key repeated among one settle's messages keeps the first, as a key already stored is kept", async () => {
    fx = new PgSchemaFixture();
    const { jobs } = await fx.open();
    for (const id of ['a1', 'b1', 'c1']) await jobs.createJob(reminder(0, { id }), T0);
    await jobs.enqueueOutbox([{ ...msg('stored', 'c1'), text: 'kept' }], at(0));
    const [a, b, c] = await jobs.claimDue(at(1), 10, lease);
    const results = await jobs.settleAll(
      [
        {
          run: a!,
          settlement: done(a!, [
            { ...msg('twice', 'a1'), text: 'first' },
            { ...msg('twice', 'a1'), text: 'again' },
          ]),
        },
        { run: b!, settlement: done(b!, [{ ...msg('twice', 'b1'), text: 'other run' }, msg('b', 'b1')]) },
        { run: c!, settlement: done(c!, [{ ...msg('stored', 'c1'), text: 'repeat' }]) },
      ],
      at(10),
    );
    expect(results).toEqual([true, true, true]);
    expect((await jobs.listOutbox()).map((m) => [m.key, m.text])).toEqual([
      ['stored', 'kept'],
      ['twice', 'first'],
      ['b', 'done'],
    ]);
  });

  it('skips stored message keys on the key index, without inserting speculatively (ON CONFLICT)', async () => {
    fx = new PgSchemaFixture();
    await fx.open();
    const c = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${fx.schema}` });
    await c.connect();
    try {
      // A retained history of sent messages: the keys must be probed, not the outbox scanned.
      await c.query(`INSERT INTO outbox (key, platform, chat_id, text, status, available_at, created_at)
        SELECT 'k' || g, 'console', 'c', 'x', 'sent', 0, 0 FROM generate_series(1, 20000) g`);
      await c.query('ANALYZE outbox');
      const shows = (plan: string): void => {
        expect(plan).toMatch(/Anti Join/);
        expect(plan).toMatch(/outbox_key_key/);
        expect(plan).not.toMatch(/Seq Scan on outbox/);
        expect(plan).not.toMatch(/Conflict Resolution/);
      };
      const explain = async (sql: string, values?: unknown[]): Promise<string> =>
        (await c.query<{ 'QUERY PLAN': string }>(sql, values)).rows.map((r) => r['QUERY PLAN']).join('\n');
      // The plan a connection keeps after its first executions (generic: array lengths unknown)…
      await c.query(`PREPARE settle AS ${SETTLE_RUNS.text}`);
      await c.query('SET plan_cache_mode = force_generic_plan');
      const nParams = Math.max(...SETTLE_RUNS.text.match(/\$\d+/g)!.map((p) => Number(p.slice(1))));
      shows(await explain(`EXPLAIN EXECUTE settle(${Array(nParams).fill('NULL').join(', ')})`));
      // …and the first executions' custom plans, here for a burst's 500 runs with a message each.
      await c.query('SET plan_cache_mode = force_custom_plan');
      const records = Array.from(
        { length: 500 },
        (_, i) =>
          ({
            job: { id: `j${i}`, run_id: null },
            run: { run_id: `r${i}`, job_id: `j${i}` },
            outbox: [{ key: `m${i}`, job_id: `j${i}`, platform: 'console', chat_id: 'c', text: 'x' }],
          }) as unknown as SettleRecord,
      );
      shows(await explain(`EXPLAIN ${SETTLE_RUNS.text}`, settleValues(records, 0)));
    } finally {
      await c.end();
    }
  });

  it('claims and settles plan their statements once per connection, for their transaction only', async () => {
    fx = new PgSchemaFixture();
    await fx.open();
    const c = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${fx.schema}` });
    await c.connect();
    const mode = async (): Promise<string> => (await c.query<{ plan_cache_mode: string }>('SHOW plan_cache_mode')).rows[0]!.plan_cache_mode;
    try {
      for (const first of [() => pgJobQueries.expiredLeases(c, 0, 10), () => pgJobQueries.settleRuns(c, [], 0)]) {
        await c.query('BEGIN');
        await first();
        // Generic plans: a fresh connection's first executions are not each planned again.
        expect(await mode()).toBe('force_generic_plan');
        await c.query('COMMIT');
        // The SQL built at call time afterwards (API lists, filters) is planned for its parameters.
        expect(await mode()).toBe('auto');
      }
    } finally {
      await c.end();
    }
  });

  it('is all or nothing: one bad settlement leaves every job, run and message unwritten', async () => {
    fx = new PgSchemaFixture();
    const { jobs } = await fx.open();
    for (const id of ['a1', 'b1']) await jobs.createJob(reminder(0, { id }), T0);
    const runs = await jobs.claimDue(at(1), 10, lease);
    const bad = { key: 'bad', jobId: 'b1', to: undefined, text: 'x' } as unknown as OutboxMessage;
    await expect(
      jobs.settleAll(
        [
          { run: runs[0]!, settlement: done(runs[0]!, [msg('a', 'a1')]) },
          { run: runs[1]!, settlement: done(runs[1]!, [bad]) },
        ],
        at(10),
      ),
    ).rejects.toThrow();
    expect(await jobs.countJobs({ status: 'completed' })).toBe(0);
    expect((await jobs.listRuns()).map((r) => r.status)).toEqual(['running', 'running']);
    expect(await jobs.listOutbox()).toEqual([]);
  });

  it('a bulk update and burst settles of the same jobs, at once from two stores, never deadlock', async () => {
    fx = new PgSchemaFixture();
    const a = await fx.open({ poolSize: 4 });
    const b = await fx.open({ poolSize: 4 });
    const interval = { kind: 'interval' as const, everyMs: 1000, anchor: T0 };
    for (let i = 0; i < 40; i++)
      await a.jobs.createJob(
        reminder(0, { id: `job${String(i).padStart(2, '0')}`, schedule: interval, nextRunAt: at(0), workflowId: 'wf' }),
        T0,
      );
    for (let round = 0; round < 5; round++) {
      const runs = await a.jobs.claimDue(at(round * 1000), 100, lease);
      expect(runs).toHaveLength(40);
      const again = (run: ClaimedRun): Settlement => ({ ...done(run), job: { status: 'active', nextRunAt: at((round + 1) * 1000) } });
      // Claim order is id order here; settle in reverse halves so the two orders cross.
      const first = runs.slice(0, 20).reverse();
      const second = runs.slice(20).reverse();
      await Promise.all([
        a.jobs.settleAll(
          first.map((run) => ({ run, settlement: again(run) })),
          at(round * 1000 + 1),
        ),
        b.jobs.updateJobs({ workflowId: 'wf' }, { name: `round ${round}` }, at(round * 1000 + 1)),
        a.jobs.settleAll(
          second.map((run) => ({ run, settlement: again(run) })),
          at(round * 1000 + 1),
        ),
      ]);
    }
    expect(await a.jobs.countJobs({ status: 'active' })).toBe(40);
    expect((await a.jobs.stats()).runsByStatus).toEqual({ success: 200 });
  });
});

describePg('PostgreSQL store: text PostgreSQL cannot hold', () => {
  let fx: PgSchemaFixture;
  afterEach(() => fx.dispose());

  it('a NUL byte in a run result, an error or a message is stored as U+FFFD instead of failing the settle', async () => {
    fx = new PgSchemaFixture();
    const { jobs } = await fx.open();
    const job = await jobs.createJob(reminder(0, { name: 'nul\0name' }), T0);
    const [run] = await jobs.claimDue(at(1), 10, lease);
    const settlement: Settlement = {
      run: { status: 'failure', finishedAt: at(2), durationMs: 1, result: 'out\0put', error: 'err\0or' },
      job: { status: 'failed', lastError: 'err\0or' },
      outbox: [msg(`${job.id}:r`, job.id)].map((m) => ({ ...m, text: 'te\0xt' })),
    };
    expect(await jobs.settle(run!, settlement, at(2))).toBe(true);
    expect((await jobs.listRuns({ jobId: job.id }))[0]).toMatchObject({ result: 'out\uFFFDput', error: 'err\uFFFDor' });
    expect(await jobs.getJob(job.id)).toMatchObject({ name: 'nul\uFFFDname', lastError: 'err\uFFFDor' });
    expect((await jobs.listOutbox())[0]?.text).toBe('te\uFFFDxt');
  });
});
