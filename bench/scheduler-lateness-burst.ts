/**
 * scheduler_lateness_*_under_burst: the lateness of 1,000 timed one-off jobs, 10 ms apart (as
 * the peers' lateness phase has them), on a store where 10,000 jobs came due together just
 * before the scheduler started, 300 ms before the first of them: one scheduler (default
 * options, as `chime start` runs), one SQLite file, so the timed jobs compete with the burst's
 * claims, runs and settlements. Lateness = run start - scheduled instant, from the runs table.
 * The burst lasts well under the timed jobs' 10 s: a `#` line says how many timed jobs came
 * due while it ran, the ones p99 is about.
 */
import { type LatenessResult, measureLateness, percentile } from './_lateness.js';

const TIMED = 1000;
const SPREAD_MS = 10_000;
const BURST = 10_000;
const ROUNDS = 3;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rounds: LatenessResult[] = [];
for (let i = 0; i < ROUNDS; i++) rounds.push(await measureLateness({ timed: TIMED, spreadMs: SPREAD_MS, burst: BURST }));
const of = (f: (late: number[]) => number): number => median(rounds.map((r) => f(r.late)));
console.log(`scheduler_lateness_p50_under_burst: ${of((l) => percentile(l, 50))} ms`);
console.log(`scheduler_lateness_p99_under_burst: ${of((l) => percentile(l, 99))} ms`);
console.log(`scheduler_lateness_max_under_burst: ${of((l) => l[l.length - 1]!)} ms`);
const burstMs = median(rounds.map((r) => r.burstMs));
const during = median(rounds.map((r) => r.during));
console.log(
  `# scheduler_lateness_under_burst: median of ${ROUNDS} rounds (p99 per round: ${rounds.map((r) => percentile(r.late, 99)).join(', ')} ms); the burst took ${burstMs} ms to start, and ${during} of the ${TIMED} timed jobs came due while it ran`,
);
