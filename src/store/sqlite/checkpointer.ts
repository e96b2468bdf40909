import { once } from 'node:events';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Clock } from '../../core/ports/clock.js';
import type { Db } from './open-db.js';

/**
 * Moves WAL checkpoints off the event loop. SQLite checkpoints on the committing connection
 * by default (every 1,000 WAL pages), which copies pages into the database file and fsyncs it
 * right inside a commit: in a burst of 10,000 due jobs that was a third of the scheduler's
 * time, and each checkpoint is a pause every timer waits behind.
 *
 * A worker thread with its own connection runs a PASSIVE checkpoint every `intervalMs` of the
 * Clock (it never blocks writers or readers). The main connection keeps checkpointing itself only as a
 * backstop, at 10,000 pages, should the worker fall behind. So at most about `intervalMs` of
 * commits wait for their fsync, about what synchronous=NORMAL risked before (a power cut, not
 * a process crash, could lose them).
 */
export interface Checkpointer {
  /** Stops the worker and waits for it to close its connection. */
  stop(): Promise<void>;
}

/** Backstop on the main connection while the worker checkpoints (pages of 4 KiB: 40 MiB). */
export const BACKSTOP_CHECKPOINT_PAGES = 10_000;

// Plain CommonJS, evaluated in the worker: no loader or TypeScript needed there. It has no
// timer of its own (time comes from the Clock): the main thread says when to checkpoint.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    parentPort.postMessage({ error: String((err && err.message) || err) });
  }
};
parentPort.on('message', (msg) => {
  if (msg === 'checkpoint') return checkpoint();
  if (msg !== 'stop') return;
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface CheckpointerOptions {
  clock: Clock;
  /** Time between checkpoints (ms). Default 1000. */
  intervalMs?: number;
  onError?: (message: string) => void;
}

export function startCheckpointer(db: Db, opts: CheckpointerOptions): Checkpointer {
  if (db.memory) return { stop: async () => undefined };
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
  // After a burst the WAL file would keep its largest size; trim it when it restarts.
  db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path: db.name, driver: createRequire(import.meta.url).resolve('better-sqlite3') },
  });
  worker.unref(); // never what keeps the process alive
  worker.on('message', (m: { error?: string }) => m.error && opts.onError?.(m.error));
  worker.on('error', (err) => opts.onError?.(err.message));
  const exited = once(worker, 'exit');

  const { clock } = opts;
  const every = opts.intervalMs ?? 1000;
  const done = new AbortController();
  const pacing = (async () => {
    while (!done.signal.aborted) {
      await clock.sleepUntil(new Date(clock.now().getTime() + every), done.signal).catch(() => undefined);
      if (!done.signal.aborted) worker.postMessage('checkpoint');
    }
  })();

  let stopped: Promise<void> | undefined;
  return {
    stop: () =>
      (stopped ??= (async () => {
        done.abort();
        await pacing;
        worker.ref(); // keep the process alive until the worker has closed its connection
        worker.postMessage('stop');
        await exited;
        // Without the worker, the main connection checkpoints at SQLite's usual pace again.
        if (db.open) db.pragma('wal_autocheckpoint = 1000');
      })()),
  };
}
