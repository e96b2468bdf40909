/**
 * api_list_page_100k_p99_ms: the p99 time of one `GET /api/v1/jobs` page (50 jobs) over real
 * HTTP (fetch to a listening server on loopback, the bearer token checked, JSON built) with
 * 100,000 jobs in a SQLite file, over a mix of the dashboard's queries: the default order, next
 * run of active jobs, name descending, recurring by next run, a text search, next
 * run descending, an id sort of one kind, and a second page by cursor; a search for a word in
 * a tenth of the jobs (a word in none reads every row: there is no full-text index).
 * `_<combo>_p99_ms` lines give each one; `_updated_scan` (sorting by last update, which has no
 * index) is printed beside the mix, not in it;
 * api_list_page_100k_pg_p99_ms is the same on PostgreSQL (a fresh schema; skipped, saying so
 * on stderr, when none is reachable). The store filters, sorts and pages (job-list-sql.ts):
 * no request reads every job into Node.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { ApiToken } from '../src/api/auth/tokens.js';
import { readApiConfig } from '../src/api/api-config.js';
import { startApiServer } from '../src/api/server.js';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Job } from '../src/core/job.js';
import type { Schedule } from '../src/core/schedule.js';
import { silentLogger } from '../src/log.js';
import { parse } from '../src/nl/parse.js';
import { jobFromNew } from '../src/store/job-defaults.js';
import { JOB_WRITE_COLUMNS, type JobParams, jobToParams } from '../src/store/engine/rows.js';
import type { ChimeStore } from '../src/store/open-store.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { prepareJobQueries } from '../src/store/sqlite/job-queries.js';
import { openPostgresStore } from '../src/store/postgres/index.js';

const N = 100_000;
const ROUNDS = 60;
const T0 = Date.UTC(2027, 0, 1);
const PG_URL = process.env.CHIME_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TOKEN = 'bench-token-0123456789abcdef';
const TOKENS: ApiToken[] = [{ name: 'api-token', access: 'full', secret: TOKEN }];
const WORDS = ['water', 'standup', 'dentist', 'backup', 'report', 'call mom', 'invoice', 'gym', 'review', 'plants'];
const STATUSES: Job['status'][] = ['active', 'active', 'active', 'paused', 'completed', 'cancelled'];

/** The i-th of N varied jobs: names, kinds, statuses, owners, one-off and repeating schedules. */
function jobParams(i: number): JobParams {
  const due = T0 + ((i * 7919) % N) * 1000;
  const word = WORDS[i % WORDS.length]!;
  const schedule: Schedule = i % 3 === 0 ? { kind: 'cron', pattern: '0 9 * * *' } : { kind: 'once', at: new Date(due) };
  const command = i % 10 === 3;
  const status = STATUSES[i % STATUSES.length]!;
  const job = jobFromNew(
    {
      kind: command ? 'command' : 'reminder',
      name: `${word} ${i}`,
      payload: command ? { command: '/list' } : { text: `${word} number ${i}` },
      owner: { platform: 'telegram', userId: String(i % 5000) },
      origin: { platform: i % 4 === 0 ? 'discord' : 'telegram', chatId: String(i % 5000) },
      schedule,
      timeZone: 'Europe/Berlin',
    },
    `b${i.toString(36).padStart(6, '0')}`,
    new Date(T0 - (N - i) * 1000),
  );
  return jobToParams({ ...job, status, nextRunAt: status === 'active' || status === 'paused' ? new Date(due) : null });
}

function fillSqlite(path: string): void {
  const store = openSqliteStore(path);
  const q = prepareJobQueries(store.db);
  store.db.transaction(() => {
    for (let i = 0; i < N; i++) q.insertJob.run(jobParams(i));
  })();
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
}

async function fillPg(schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await c.connect();
  try {
    const cols = JOB_WRITE_COLUMNS;
    const batch = 1000;
    await c.query('BEGIN');
    for (let from = 0; from < N; from += batch) {
      const values: unknown[] = [];
      const rows: string[] = [];
      for (let i = from; i < Math.min(N, from + batch); i++) {
        const p = jobParams(i);
        rows.push(`(${cols.map((col) => `$${values.push(p[col])}`).join(', ')})`);
      }
      await c.query(`INSERT INTO jobs (${cols.join(', ')}) VALUES ${rows.join(', ')}`, values);
    }
    await c.query('COMMIT');
    await c.query('ANALYZE jobs');
  } finally {
    await c.end();
  }
}

const COMBOS: Record<string, string> = {
  default: '',
  active_next_run: 'status=active&sort=next_run',
  next_run_desc: 'sort=-next_run',
  name_desc: 'sort=-name',
  recurring_next_run: 'recurring=true&sort=next_run',
  text_search: 'q=dentist',
  command_by_id: 'kind=command&sort=id',
};
/** Reported beside the mix, not in it: last update has no index (it changes with every write), so this sort scans. */
const SCAN_COMBOS: Record<string, string> = { updated_scan: 'sort=-updated' };

const p99 = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)]!;
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** p99 per combo (ms), and over all requests together. */
async function measure(store: ChimeStore, label: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'chime-bench-api-'));
  const config = loadConfig({ CHIME_DB: join(dir, 'unused.db'), CHIME_TZ: 'Europe/Berlin' });
  const app = createApp({ config, logger: silentLogger(), store });
  const server = await startApiServer({
    config: readApiConfig({ CHIME_HTTP_PORT: '0' }),
    tokens: TOKENS,
    scheduler: app.scheduler,
    parse,
    clock: app.clock,
    defaultTimeZone: 'Europe/Berlin',
    maxTextLength: 4000,
    logger: silentLogger(),
  });
  const get = async (query: string): Promise<{ ms: number; next?: string }> => {
    const start = performance.now();
    const res = await fetch(`${server.url}/api/v1/jobs?limit=50${query ? `&${query}` : ''}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const body = (await res.json()) as { jobs: unknown[]; next?: string };
    const ms = performance.now() - start;
    if (res.status !== 200 || body.jobs.length === 0) throw new Error(`${query}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    return { ms, ...(body.next ? { next: body.next } : {}) };
  };
  try {
    const all: number[] = [];
    const report = (name: string, xs: number[], inMix = true) => {
      if (inMix) all.push(...xs);
      console.log(`api_list_page_100k${label}_${name}_p99_ms: ${p99(xs).toFixed(1)} ms`);
    };
    for (const [name, query] of Object.entries(COMBOS)) {
      for (let i = 0; i < 5; i++) await get(query); // warm: statement cache, page cache, JIT
      const xs: number[] = [];
      for (let i = 0; i < ROUNDS; i++) xs.push((await get(query)).ms);
      report(name, xs);
    }
    const first = await get(COMBOS.active_next_run!);
    const xs: number[] = [];
    for (let i = 0; i < ROUNDS; i++) xs.push((await get(`${COMBOS.active_next_run}&cursor=${first.next}`)).ms);
    report('second_page', xs);
    console.log(`api_list_page_100k${label}_p99_ms: ${p99(all).toFixed(1)} ms`);
    console.log(`api_list_page_100k${label}_p50_ms: ${median(all).toFixed(1)} ms`);
    for (const [name, query] of Object.entries(SCAN_COMBOS)) {
      const scans: number[] = [];
      for (let i = 0; i < 10; i++) scans.push((await get(query)).ms);
      report(name, scans, false);
    }
  } finally {
    await server.close();
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function pgAvailable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  c.on('error', () => undefined);
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'chime-bench-api-list-'));
  try {
    const path = join(dir, 'chime.db');
    fillSqlite(path);
    const s = openSqliteStore(path);
    await measure(
      {
        jobs: s.jobs,
        notes: s.notes,
        prefs: s.prefs,
        conversations: s.conversations,
        events: s.jobs,
        agentUsage: s.agentUsage,
        instances: s.instances,
        kind: 'sqlite',
        startMaintenance: () => ({ stop: async () => undefined }),
        close: () => s.close(),
      },
      '',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (!(await pgAvailable())) {
    process.stderr.write(`api-list: no PostgreSQL at ${PG_URL}; skipping api_list_page_100k_pg\n`);
    return;
  }
  const schema = `chime_bench_${Math.random().toString(36).slice(2, 10)}`;
  const store = await openPostgresStore(PG_URL, { schema });
  try {
    await fillPg(schema);
    await measure(
      {
        jobs: store.jobs,
        notes: store.notes,
        prefs: store.prefs,
        conversations: store.conversations,
        events: store.jobs,
        agentUsage: store.agentUsage,
        instances: store.instances,
        kind: 'postgres',
        startMaintenance: () => ({ stop: async () => undefined }),
        close: () => store.close(),
      },
      '_pg',
    );
  } finally {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  }
}

await main();
