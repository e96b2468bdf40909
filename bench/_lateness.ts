import { benchScheduler } from './_scheduler-setup.js';

export interface LatenessRun {
  /** Timed one-off jobs, due at distinct instants spread evenly over `spreadMs`. */
  timed: number;
  spreadMs: number;
  /** Jobs all due together before the scheduler starts, before the timed jobs (0: light load only). */
  burst?: number;
}

export interface LatenessResult {
  /** Lateness of each timed job (ms), ascending. */
  late: number[];
  /** From the scheduler's start to the start of the burst's last run (ms); 0 without a burst. */
  burstMs: number;
  /** Timed jobs that came due before the burst's last run started: the ones the burst could delay. */
  during: number;
}

/**
 * Runs one scheduler with its default options (as `chime start` has them) on a temp SQLite
 * file until every job ran, and returns the lateness (run start - scheduled instant, from the
 * runs table) of the timed jobs, and how long the burst took to start. One uncounted warm-up job runs first: the
 * first run of a process compiles the whole run path (tens of ms on a slow machine), a one-time
 * cost that says nothing about steady lateness.
 *
 * The burst is written first, due at once; the timed jobs' instants are fixed after it is in
 * the file, from 300 ms on: inserting 10,000 jobs takes over a second on a busy machine, and
 * timed jobs fixed before it came due before the scheduler had even started, which measured
 * the set-up, not the scheduler.
 */
export async function measureLateness({ timed, spreadMs, burst = 0 }: LatenessRun): Promise<LatenessResult> {
  const { store, scheduler, clock, insert, dispose } = benchScheduler({});
  const burstAt = clock.now().getTime();
  insert([new Date(burstAt - 300)]);
  if (burst > 0) insert(Array.from({ length: burst }, () => new Date(burstAt)));
  const start = clock.now().getTime() + 300;
  insert(Array.from({ length: timed }, (_, i) => new Date(start + Math.floor((i * spreadMs) / timed))));

  const total = 1 + burst + timed;
  let done = 0;
  const finished = new Promise<void>((resolve) => {
    scheduler.on('task-event', (e) => {
      if (e.type !== 'executed' && ++done === total) resolve();
    });
  });
  const started = clock.now().getTime();
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
  const burstRuns = runs.filter((r) => r.scheduledFor.getTime() === burstAt);
  if (burstRuns.length !== burst) throw new Error(`expected ${burst} burst runs, found ${burstRuns.length}`);
  const burstEnd = burst > 0 ? Math.max(...burstRuns.map((r) => r.startedAt.getTime())) : started;
  const during = runs.filter((r) => r.scheduledFor.getTime() >= start && r.scheduledFor.getTime() < burstEnd).length;
  return { late, burstMs: burstEnd - started, during };
}

/** The p-th percentile of ascending `sorted` (nearest rank). */
export const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
