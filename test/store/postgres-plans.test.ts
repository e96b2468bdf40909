import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { JOB_SQL, countJobsSql, jobFilterSql, listRunsSql, pageJobsSql } from '../../src/store/postgres/job-queries.js';
import { OUTBOX_SQL, listOutboxSql } from '../../src/store/postgres/outbox-queries.js';
import { PG_URL, PgSchemaFixture, describePg } from './pg-harness.js';

describePg('PostgreSQL store: the hot queries have indexes that serve them', () => {
  let fx: PgSchemaFixture;
  let c: pg.Client;
  afterEach(async () => {
    await c.end();
    await fx.dispose();
  });

  it('claims, due times, history pages and dead letters read their (partial) indexes', async () => {
    fx = new PgSchemaFixture();
    await fx.open();
    c = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${fx.schema}` });
    await c.connect();
    // Empty tables would be scanned whatever the indexes; forbidding scans where an index can
    // answer shows which index the planner can use for each query's predicate and order.
    await c.query('SET enable_seqscan = off');
    const plan = async (sql: string, params: unknown[]): Promise<string> => {
      // Parameters typed by a prepared statement, then a generic plan of it.
      await c.query('DEALLOCATE ALL');
      await c.query(`PREPARE q AS ${sql}`);
      await c.query('SET plan_cache_mode = force_generic_plan');
      const literal = params.map((p) =>
        p === null ? 'NULL' : Array.isArray(p) ? `ARRAY[${p.map((x) => `'${String(x)}'`).join(',')}]::text[]` : `'${String(p)}'`,
      );
      const rows = (await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE q${literal.length ? `(${literal.join(', ')})` : ''}`)).rows;
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    };
    const due = await plan(JOB_SQL.nextDue.text, [0]);
    expect(due).toMatch(/jobs_leased/);
    expect(due.match(/jobs_due/g)).toHaveLength(2); // the earliest due, and the earliest after the last claim
    const claim = await plan(JOB_SQL.claimDueBatch.text, [0, 10, 'o', 1, -1, 0]);
    expect(claim).toMatch(/jobs_due/);
    expect(claim).not.toMatch(/Sort/); // oldest first straight off the index
    expect(await plan(JOB_SQL.expiredLeases.text, [0, 10])).toMatch(/jobs_leased/);
    const outbox = await plan(OUTBOX_SQL.claimOutbox.text, [0, 10, 'o', 1]);
    expect(outbox).toMatch(/outbox_pending/);
    expect(outbox).toMatch(/outbox_sending/);
    const runs = listRunsSql({ jobId: 'j' });
    expect(await plan(runs.sql, runs.params)).toMatch(/runs_job/);
    expect(await plan(listRunsSql({}).sql, [50])).toMatch(/runs_pkey/);
    expect(await plan(JOB_SQL.countAbandoned.text, ['j', 0])).toMatch(/runs_abandoned/);
    const dead = listOutboxSql({ status: 'dead' });
    expect(await plan(dead.sql, dead.params)).toMatch(/outbox_dead/);
    const paused = jobFilterSql({ status: 'paused' });
    expect(await plan(`SELECT id FROM jobs ${paused.where}`, paused.params)).toMatch(/jobs_paused/);
    const owner = jobFilterSql({ ownerPlatform: 'telegram', ownerUserId: 'u1' });
    expect(await plan(`SELECT id FROM jobs ${owner.where}`, owner.params)).toMatch(/jobs_owner/);
    const chat = jobFilterSql({ originChatId: 'c1' });
    expect(await plan(`SELECT id FROM jobs ${chat.where}`, chat.params)).toMatch(/jobs_origin_chat/);
    const wf = jobFilterSql({ workflowId: 'w' });
    expect(await plan(`SELECT id FROM jobs ${wf.where}`, wf.params)).toMatch(/jobs_workflow/);
    // Quota counts (stopping at the limit) read the chat or owner index.
    const live = ['active', 'paused'] as Array<'active' | 'paused'>;
    const chatCount = countJobsSql({ originPlatform: 'telegram', originChatId: 'c1', status: live }, 500);
    expect(await plan(chatCount.sql, chatCount.params)).toMatch(/jobs_origin_chat/);
    const ownerCount = countJobsSql({ ownerPlatform: 'telegram', ownerUserId: 'u1', status: live }, 100);
    expect(await plan(ownerCount.sql, ownerCount.params)).toMatch(/jobs_owner/);
    // Listing every job pages through jobs_seq in order: no sort of the whole table per page.
    const page = pageJobsSql({}, { key: 'created' }, { seq: 0, value: 0 }, 500);
    const pagePlan = await plan(page.sql, page.params);
    expect(pagePlan).toMatch(/jobs_seq/);
    expect(pagePlan).not.toMatch(/Sort/);
    // The id sort walks the primary key (bytewise since migration 0011): no index of its own.
    const byId = pageJobsSql({}, { key: 'id' }, { seq: 0, value: 'a' }, 50);
    const byIdPlan = await plan(byId.sql, byId.params);
    expect(byIdPlan).toMatch(/jobs_pkey/);
    // Ids are unique, so the tie on seq is only an incremental sort of one-row groups, never a sort of all jobs.
    expect(byIdPlan).not.toMatch(/(?<!Incremental )Sort {2}\(/);
    const byIdDesc = pageJobsSql({}, { key: 'id', desc: true }, undefined, 50);
    expect(await plan(byIdDesc.sql, byIdDesc.params)).toMatch(/Index Scan Backward using jobs_pkey/);
    // With a filter on an empty table the planner may sort a bitmap scan; jobs_seq still bounds it.
    const filtered = pageJobsSql({ status: live }, { key: 'created' }, { seq: 0, value: 0 }, 500);
    expect(await plan(filtered.sql, filtered.params)).toMatch(/jobs_seq/);
  });
});
