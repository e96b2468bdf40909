import { benchScheduler } from './_scheduler-setup.js';

export interface LatenessRun {
  /** Timed one-off jobs, due at distinct instants spread evenly over `spreadMs`. */
  timed: number;
  spreadMs: number;
  /** Jobs all due together 1 ms before the first timed job (0: light load only). */
  burst?: number;
}

export interface LatenessResult {
  /** Lateness of each timed job (ms), ascending. */
  late: number[];
  /** From the burst's due instant to the start of its last run (ms); 0 without a burst. */
  burstMs: number;
}

/**
 * Runs one scheduler with its default options (as `chime start` has them) on a temp SQLite
 * file until every job ran, and returns the lateness (run start - scheduled instant, from the
 * runs table) of the timed jobs, and how long the burst took to start. One uncounted warm-up job runs first: the
 * first run of a process compiles the whole run path (tens of ms on a slow machine), a one-time
 * cost that says nothing about steady lateness.
 */
export async function measureLateness({ timed, spreadMs, burst = 0 }: LatenessRun): Promise<LatenessResult> {
  const { store, scheduler, clock, insert, dispose } = benchScheduler({});
  const start = clock.now().getTime() + 500;
  insert([new Date(start - 300)]);
  if (burst > 0) insert(Array.from({ length: burst }, () => new Date(start - 1)));
  insert(Array.from({ length: timed }, (_, i) => new Date(start + Math.floor((i * spreadMs) / timed))));

  const total = 1 + burst + timed;
  let done = 0;
  const finished = new Promise<void>((resolve) => {
    scheduler.on('task-event', (e) => {
      if (e.type !== 'executed' && ++done === total) resolve();
    });
  });
  await scheduler.start();
  await finished;
  await scheduler.stop();
  const runs = store.jobs.listRuns({ limit: total + 10 });
  await dispose();
  const late = runs
    .filter((r) => r.scheduledFor.getTime() >= start)
    .map((r) => r.startedAt.getTime() - r.scheduledFor.getTime())
    .sort((a, b) => a - b);
  if (late.length !== timed) throw new Error(`expected ${timed} timed runs, found ${late.length}`);
  const burstRuns = runs.filter((r) => r.scheduledFor.getTime() === start - 1);
  if (burstRuns.length !== burst) throw new Error(`expected ${burst} burst runs, found ${burstRuns.length}`);
  const burstMs = burst > 0 ? Math.max(...burstRuns.map((r) => r.startedAt.getTime())) - (start - 1) : 0;
  return { late, burstMs };
}

/** The p-th percentile of ascending `sorted` (nearest rank). */
export const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
