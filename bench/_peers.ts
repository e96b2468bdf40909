/**
 * `npm run bench -- --peers`: the peer schedulers' harness (graphile-worker on PostgreSQL, BullMQ
 * on Redis; its README is in the peers directory) run before Chime's figures, and the ratios
 * between the two measured in the same run.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** Every `name: value unit` figure of a run, by name. */
export type Figures = Map<string, { value: number; unit: string }>;

const FIGURE = /^([A-Za-z0-9_.]+): (-?\d+(?:\.\d+)?) (\S+)$/;

/** Records a `name: value unit` line in `into`; other lines (notes) are ignored. */
export function parseFigure(line: string, into: Figures): void {
  const m = FIGURE.exec(line.trim());
  if (m) into.set(m[1]!, { value: Number(m[2]), unit: m[3]! });
}

/** The harness runs `--peers` asks for: what the ratios need. `--peers=full` adds lateness. */
export function peerRuns(full: boolean): string[][] {
  const runs = [
    ['graphile', 'burst'],
    ['graphile', 'pending'],
    ['bullmq', 'burst'],
  ];
  return full ? [...runs, ['graphile', 'lateness'], ['bullmq', 'lateness']] : runs;
}

/**
 * The harness directory: CHIME_PEERS_DIR, else `../shared/peers` beside the checkout. Throws a
 * message saying where it looked when there is no run.sh there.
 */
export function peersDir(repoRoot: string, env: Record<string, string | undefined> = process.env): string {
  const dir = env.CHIME_PEERS_DIR ? resolve(env.CHIME_PEERS_DIR) : resolve(repoRoot, '..', 'shared', 'peers');
  if (!existsSync(join(dir, 'run.sh'))) {
    throw new Error(
      `--peers needs the peer schedulers' harness, but there is no run.sh in ${dir}. ` +
        `Set CHIME_PEERS_DIR to the directory holding it, or run \`npm run bench\` without --peers.`,
    );
  }
  return dir;
}

/**
 * Runs `run.sh <args>` from `dir`, passing its lines through (figures and notes to stdout,
 * its own progress to stderr) and recording its figures. Resolves with its exit code.
 */
export function runPeer(dir: string, args: string[], into: Figures): Promise<number> {
  return new Promise((done) => {
    const child = spawn('bash', [join(dir, 'run.sh'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    createInterface({ input: child.stdout }).on('line', (line) => {
      process.stdout.write(`${line}\n`);
      parseFigure(line, into);
    });
    child.on('close', (code, signal) => {
      if (code !== 0) process.stderr.write(`peers: run.sh ${args.join(' ')} failed (${signal ?? `exit ${code}`})\n`);
      done(code ?? 1);
    });
  });
}

interface Ratio {
  name: string;
  /** Throws when a figure it needs was not measured in this run. */
  value: (f: Figures) => number;
  explain: (f: Figures) => string;
  /** A figure line printed right after the ratio. */
  beside?: (f: Figures) => string;
}

/** graphile-worker's burst in its best configuration of this run (jobs/s, not the drain rates). */
function graphileBest(f: Figures): { name: string; value: number } {
  let best = { name: '', value: Number.NaN };
  for (const [name, { value, unit }] of f) {
    if (name.startsWith('graphile.burst.') && unit === 'jobs/s' && !name.endsWith('.drain') && !(value <= best.value))
      best = { name, value };
  }
  if (!best.name) throw new Error('no graphile.burst figure');
  return best;
}

function need(f: Figures, name: string): number {
  const got = f.get(name);
  if (!got) throw new Error(`no ${name} figure`);
  return got.value;
}

const RATIOS: Ratio[] = [
  {
    name: 'scheduler_burst_vs_graphile',
    value: (f) => need(f, 'scheduler_burst') / graphileBest(f).value,
    explain: (f) =>
      `scheduler_burst ${need(f, 'scheduler_burst')} jobs/s ÷ ${graphileBest(f).name} ${graphileBest(f).value} jobs/s (graphile's best configuration in this run); target ≥ 1`,
  },
  {
    name: 'scheduler_burst_postgres_vs_graphile',
    value: (f) => need(f, 'scheduler_burst_postgres') / graphileBest(f).value,
    explain: (f) =>
      `scheduler_burst_postgres ${need(f, 'scheduler_burst_postgres')} jobs/s ÷ ${graphileBest(f).name} ${graphileBest(f).value} jobs/s; target ≥ 1`,
  },
  {
    name: 'scheduler_burst_postgres_two_vs_one',
    value: (f) => need(f, 'scheduler_burst_postgres_two') / need(f, 'scheduler_burst_postgres'),
    explain: (f) =>
      `scheduler_burst_postgres_two ${need(f, 'scheduler_burst_postgres_two')} ÷ scheduler_burst_postgres ${need(f, 'scheduler_burst_postgres')} jobs/s; ` +
      'both schedulers run in one Node process and share the 2 cores with PostgreSQL and the bench here, so neither has a core of its own (the target, ≥ 1.5, is for a core each)',
  },
  {
    name: 'store_rss_1m_vs_graphile_idle',
    value: (f) => need(f, 'store_rss_1m_with_checkpointer') / need(f, 'graphile.pending.100k.rss'),
    explain: (f) =>
      `store_rss_1m_with_checkpointer ${need(f, 'store_rss_1m_with_checkpointer')} MB ÷ graphile.pending.100k.rss ${need(f, 'graphile.pending.100k.rss')} MB; target ≤ 1`,
    beside: (f) => `graphile_idle_rss: ${need(f, 'graphile.pending.100k.rss')} MB`,
  },
  {
    name: 'cli_start_rss_idle_vs_graphile_idle',
    value: (f) => need(f, 'cli_start_rss_idle_1m') / need(f, 'graphile.pending.100k.rss'),
    explain: (f) =>
      `cli_start_rss_idle_1m ${need(f, 'cli_start_rss_idle_1m')} MB (the whole chime start process) ÷ graphile.pending.100k.rss ${need(f, 'graphile.pending.100k.rss')} MB (its whole worker process)`,
  },
  {
    name: 'cli_start_ready_1m_vs_graphile_boot',
    value: (f) => need(f, 'cli_start_ready_1m') / need(f, 'graphile.pending.100k.boot'),
    explain: (f) =>
      `cli_start_ready_1m ${need(f, 'cli_start_ready_1m')} ms (1,000,000 pending) ÷ graphile.pending.100k.boot ${need(f, 'graphile.pending.100k.boot')} ms (100,000 pending), both from process start to ready`,
  },
];

/**
 * Prints each ratio as `name: value x` with a `#` line saying what was divided. A ratio whose
 * figures are missing is named on stderr; returns how many were missing.
 */
export function printRatios(f: Figures): number {
  let missing = 0;
  for (const r of RATIOS) {
    try {
      const v = r.value(f);
      console.log(`${r.name}: ${v.toFixed(2)} x`);
      if (r.beside) console.log(r.beside(f));
      console.log(`# ${r.name}: ${r.explain(f)}`);
    } catch (err) {
      missing++;
      process.stderr.write(`peers: ${r.name} not computed: ${(err as Error).message} in this run\n`);
    }
  }
  return missing;
}
