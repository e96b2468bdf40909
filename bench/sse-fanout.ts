/**
 * sse_fanout_100_clients_lag_p99: 100 Server-Sent Events clients on GET /api/v1/events/stream
 * while one scheduler fires a burst of 10,000 reminder jobs (each a run.started, a run.succeeded
 * and a job.status event: 30,000 events, written in the runs' own transactions). Every client
 * must receive every event of the burst, in id order; the lag of an event is its receipt by the
 * client minus its `at` (the time of the transaction that wrote it). Clients run in a worker
 * thread (their own event loop), over real HTTP on loopback.
 *
 * sse_fanout_lost: events of the burst some client never received (must be 0), plus events
 * received out of id order. sse_fanout_seconds: burst start to the last client's last event.
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import pino from 'pino';
import { readApiConfig } from '../src/api/api-config.js';
import { startApiServer } from '../src/api/server.js';
import { parse } from '../src/nl/parse.js';
import { benchScheduler } from './_scheduler-setup.js';

const N = 10_000;
const CLIENTS = 100;

const { store, scheduler, clock, insert, dispose } = benchScheduler({ maxConcurrent: 1000, claimBatchSize: 500 });
insert(Array.from({ length: N }, () => new Date(clock.now().getTime() - 1000)));
const since = store.jobs.lastEventId();
const token = randomBytes(16).toString('hex');
const logger = pino({ level: 'silent' }, new Writable({ write: (_c, _e, cb) => cb() }));
const server = await startApiServer({
  config: readApiConfig({ CHIME_HTTP_PORT: '0' }),
  tokens: [{ name: 'bench', access: 'read', secret: token }],
  scheduler,
  parse,
  clock,
  defaultTimeZone: 'UTC',
  maxTextLength: 4000,
  logger,
  events: store.jobs,
});

interface ClientState {
  last: number;
  received: number;
  outOfOrder: number;
}
const worker = new Worker(new URL('./_sse-clients.mjs', import.meta.url), {
  workerData: { url: server.url, token, since, clients: CLIENTS },
});
const report = new Promise<{ state: ClientState[]; lagBuckets: Uint32Array }>((resolve, reject) => {
  worker.on('message', (m: { type: string; message?: string; state?: ClientState[]; lagBuckets?: Uint32Array }) => {
    if (m.type === 'report') resolve({ state: m.state!, lagBuckets: m.lagBuckets! });
    if (m.type === 'error') reject(new Error(m.message));
  });
  worker.on('error', reject);
});
await new Promise<void>((resolve) => worker.once('message', () => resolve()));
// Let every client's stream open before the burst.
await new Promise((r) => setTimeout(r, 1000));

let settled = 0;
const finished = new Promise<void>((resolve) => {
  scheduler.on('task-event', (e) => {
    if (e.type !== 'executed' && ++settled === N) resolve();
  });
});
const t0 = performance.now();
await scheduler.start();
await finished;
await scheduler.stop();
const last = store.jobs.lastEventId();
worker.postMessage({ type: 'expect', last });
// Whatever arrived within 60 s of the burst's end; what did not is lost.
const timeout = setTimeout(() => worker.postMessage({ type: 'report' }), 60_000);
const { state, lagBuckets } = await report;
clearTimeout(timeout);
const seconds = (performance.now() - t0) / 1000;
const expected = last - since;
const lost = state.reduce((n, s) => n + Math.max(0, expected - s.received) + s.outOfOrder, 0);
const total = lagBuckets.reduce((n, c) => n + c, 0);
let seen = 0;
let p99 = 0;
for (let ms = 0; ms < lagBuckets.length; ms++) {
  seen += lagBuckets[ms]!;
  if (seen >= total * 0.99) {
    p99 = ms;
    break;
  }
}
console.log(`sse_fanout_100_clients_lag_p99: ${p99} ms`);
console.log(`sse_fanout_lost: ${lost} events`);
console.log(`sse_fanout_events: ${expected} events`);
console.log(`sse_fanout_seconds: ${seconds.toFixed(2)} s`);
await worker.terminate();
await server.close();
await dispose();
