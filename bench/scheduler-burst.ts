/**
 * scheduler_burst: 10,000 reminder jobs due at once; jobs fired (run + settled with its outbox
 * row) per second by one scheduler. Delivery is not part of it (no dispatcher).
 */
import { benchScheduler } from './_scheduler-setup.js';

const N = 10_000;
const { store, scheduler, clock, insert } = benchScheduler({ maxConcurrent: 1000, claimBatchSize: 500 });
insert(Array.from({ length: N }, () => new Date(clock.now().getTime() - 1000)));

let done = 0;
const finished = new Promise<void>((resolve) => {
  scheduler.on('task-event', (e) => {
    if (e.type !== 'executed' && ++done === N) resolve();
  });
});
const t0 = performance.now();
await scheduler.start();
await finished;
const seconds = (performance.now() - t0) / 1000;
await scheduler.stop();
const outbox = store.jobs.listOutbox({ limit: N + 10 }).length;
store.close();
if (outbox !== N) throw new Error(`expected ${N} outbox rows, found ${outbox}`);
console.log(`scheduler_burst: ${Math.round(N / seconds)} jobs/s`);
