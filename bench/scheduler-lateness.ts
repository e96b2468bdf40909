/**
 * scheduler_lateness_p50/p99: 1,000 one-off jobs spread evenly over 5 s of real time at light
 * load, after one warm-up job; lateness = run start - scheduled instant, from the runs table.
 */
import { measureLateness, percentile } from './_lateness.js';

const { late } = await measureLateness({ timed: 1000, spreadMs: 5000 });
console.log(`scheduler_lateness_p50: ${percentile(late, 50)} ms`);
console.log(`scheduler_lateness_p99: ${percentile(late, 99)} ms`);
