/**
 * The settle statement alone, two forms interleaved (ABBA, batch by batch) in one PostgreSQL
 * backend, so the machine's load falls on both alike: argv[2] batches (40 or more: fewer are
 * noise) of 500 claimed one-off reminders, each settled with one message; prints the backend's CPU per job (µs, from
 * /proc/<pid>/schedstat, so the database must run on this machine) for each form. As written
 * it compares ON CONFLICT DO NOTHING with the NOT EXISTS form of SETTLE_RUNS; edit `variants`
 * (and the BEGIN line) to price another change of the statement or its session.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { openPostgresStore } from '../src/store/postgres/index.js';
import { settleRecord } from '../src/store/engine/write-params.js';
import { SETTLE_RUNS, settleValues } from '../src/store/postgres/settle-queries.js';

const PG_URL = process.env.CHIME_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `settleab_${Math.random().toString(36).slice(2, 10)}`;
const store = await openPostgresStore(PG_URL, { schema });
const N = Number(process.argv[2] ?? 40),
  B = 500;
const due = new Date(Date.now() - 10_000);
for (let i = 0; i < 500; i += 50)
  await Promise.all(
    Array.from({ length: 50 }, (_, k) =>
      store.jobs.createJob(
        {
          kind: 'reminder',
          payload: { text: `b ${i + k}` },
          owner: { platform: 'bench', userId: String(i + k) },
          origin: { platform: 'bench', chatId: String(i + k) },
          schedule: { kind: 'once', at: due },
          timeZone: 'UTC',
          nextRunAt: due,
        },
        new Date(),
      ),
    ),
  );
const c = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
await c.connect();
const { rows } = await c.query(
  `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'jobs' AND column_name NOT IN ('id', 'seq') ORDER BY ordinal_position`,
  [schema],
);
const cols = rows.map((r) => r.column_name).join(', ');
await c.query(
  `INSERT INTO jobs (id, ${cols}) SELECT j.id || '-' || g, ${cols
    .split(', ')
    .map((x) => `j.${x}`)
    .join(', ')} FROM generate_series(1, ${Math.ceil((N * B) / 500)}) g, jobs j`,
);
await c.query('VACUUM ANALYZE jobs');
const pid = (await c.query('SELECT pg_backend_pid() AS p')).rows[0].p;
const cpu = () => Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
const text = SETTLE_RUNS.text;
const variants = {
  on_conflict: text
    .replace('\n      WHERE NOT EXISTS (SELECT 1 FROM outbox x WHERE x.key = o.key)', '')
    .replace('ORDER BY o.ordinality)', 'ORDER BY o.ordinality\n      ON CONFLICT (key) DO NOTHING)'),
  not_exists: text,
};
if (!variants.on_conflict.includes('ON CONFLICT') || variants.on_conflict.includes('NOT EXISTS')) throw new Error('variant');
const tot = { on_conflict: 0, not_exists: 0 };
const lease = { owner: 'bench', durationMs: 600_000 };
let t = Date.now();
for (let i = 0; i < N; i++) {
  const v = (['on_conflict', 'not_exists', 'not_exists', 'on_conflict'] as const)[i % 4]!;
  const runs = await store.jobs.claimDue(new Date(t), B, lease);
  if (runs.length !== B) throw new Error(`claimed ${runs.length}`);
  const recs = runs.map((run) =>
    settleRecord(
      run,
      {
        run: { status: 'success', finishedAt: new Date(t), durationMs: 1, result: 'ok', error: null },
        job: { status: 'completed', nextRunAt: null, runCount: 1 },
        outbox: [
          {
            key: `${run.scheduledFor.toISOString()}:${run.job.id}:success`,
            jobId: run.job.id,
            to: { platform: 'bench', chatId: run.job.origin.chatId },
            text: 'done',
          },
        ],
      },
      t,
    ),
  );
  const values = settleValues(recs, t);
  await c.query('BEGIN');
  const c0 = cpu();
  const r = await c.query({ name: `s_${v}`, text: variants[v], values });
  tot[v] += cpu() - c0;
  await c.query('COMMIT');
  if (r.rowCount !== B) throw new Error(`settled ${r.rowCount}`);
  t += 1;
}
console.log(
  JSON.stringify({
    onConflictUsPerJob: +(tot.on_conflict / (N / 2) / B / 1000).toFixed(2),
    notExistsUsPerJob: +(tot.not_exists / (N / 2) / B / 1000).toFixed(2),
  }),
);
await c.end();
await store.close();
const a = new pg.Client({ connectionString: PG_URL });
await a.connect();
await a.query(`DROP SCHEMA ${schema} CASCADE`);
await a.end();
