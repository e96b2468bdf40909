/**
 * scheduler_lateness_p50/p99: 1,000 one-off jobs spread evenly over 5 s of real time at light
 * load, after one warm-up job; lateness = run start - scheduled instant, from the runs table.
 */
import { benchScheduler } from './_scheduler-setup.js';

const N = 1000;
const SPREAD_MS = 5000;
const { store, scheduler, clock, insert, dispose } = benchScheduler({});
const start = clock.now().getTime() + 500;
// One warm-up job first, not counted: the first run of a process compiles the whole run path
// (tens of ms on a slow machine), a one-time cost that says nothing about steady lateness.
insert([new Date(start - 300)]);
insert(Array.from({ length: N }, (_, i) => new Date(start + Math.floor((i * SPREAD_MS) / N))));

let done = 0;
const finished = new Promise<void>((resolve) => {
  scheduler.on('task-event', (e) => {
    if (e.type !== 'executed' && ++done === N + 1) resolve();
  });
});
await scheduler.start();
await finished;
await scheduler.stop();
const late = store.jobs
  .listRuns({ limit: N + 10 })
  .filter((r) => r.scheduledFor.getTime() >= start)
  .map((r) => r.startedAt.getTime() - r.scheduledFor.getTime())
  .sort((a, b) => a - b);
await dispose();
if (late.length !== N) throw new Error(`expected ${N} runs, found ${late.length}`);
const pct = (p: number): number => late[Math.min(late.length - 1, Math.floor((p / 100) * late.length))]!;
console.log(`scheduler_lateness_p50: ${pct(50)} ms`);
console.log(`scheduler_lateness_p99: ${pct(99)} ms`);
