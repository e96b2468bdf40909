// Worker of bench/sse-fanout.ts: opens `clients` SSE connections to the events stream (plain
// node:http, its own event loop and core), and records for each client the ids it received and
// the lag of each event (receipt time minus the event's `at`, the commit's time) in 1 ms buckets.
// Plain JS: a worker thread is not type-checked or transformed.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { url, token, since, clients } = workerData;
const MAX_LAG_MS = 120_000;
const lagBuckets = new Uint32Array(MAX_LAG_MS + 1);
const state = Array.from({ length: clients }, () => ({ last: since, received: 0, outOfOrder: 0 }));
let expectedLast = Number.POSITIVE_INFINITY;

function done() {
  return state.every((s) => s.last >= expectedLast);
}

function report() {
  parentPort.postMessage({ type: 'report', state, lagBuckets });
}

for (let i = 0; i < clients; i++) {
  const s = state[i];
  const req = http.get(`${url}/api/v1/events/stream?since=${since}`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
    res.setEncoding('utf8');
    let text = '';
    res.on('data', (chunk) => {
      text += chunk;
      const now = Date.now();
      let start = 0;
      let cut = text.indexOf('\n\n');
      while (cut >= 0) {
        const block = text.slice(start, cut);
        start = cut + 2;
        cut = text.indexOf('\n\n', start);
        if (!block.startsWith('id: ')) continue;
        const id = Number(block.slice(4, block.indexOf('\n')));
        const at = Date.parse(block.slice(block.indexOf('"at":"') + 6, block.indexOf('"', block.indexOf('"at":"') + 6)));
        if (id !== s.last + 1) s.outOfOrder++;
        s.last = id;
        s.received++;
        lagBuckets[Math.min(MAX_LAG_MS, Math.max(0, now - at))]++;
      }
      text = text.slice(start);
      if (done()) report();
    });
  });
  req.on('error', (err) => parentPort.postMessage({ type: 'error', message: String(err) }));
}
parentPort.postMessage({ type: 'ready' });
parentPort.on('message', (m) => {
  if (m.type === 'expect') {
    expectedLast = m.last;
    if (done()) report();
  } else if (m.type === 'report') {
    report();
  }
});
