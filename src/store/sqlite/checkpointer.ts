import { once } from 'node:events';
import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { endianness } from 'node:os';
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
 *
 * The worker runs only while there is something to checkpoint: a worker is a second V8 isolate
 * (about 10 MB), which an idle Chime (nothing written for `idleMs`) should not carry. Each
 * interval, the main thread reads whether the WAL holds frames not yet copied into the database
 * (walPending: two numbers from the WAL index, a read of 136 bytes, no SQL and no lock); if so
 * the worker is started (or kept) and told to checkpoint. Starting one blocks the event loop
 * for about a millisecond (the first in a process: 3-12 ms measured); the checkpoint itself
 * still never runs on it.
 */
export interface Checkpointer {
  /** Whether the worker thread is up now (it runs only while there is WAL to checkpoint). */
  workerRunning(): boolean;
  /** Stops the worker and waits for it to close its connection. */
  stop(): Promise<void>;
}

/** WAL frames after which the worker lets the WAL start over (see Pinning). */
const DEFAULT_RESTART_FRAMES = 4096;

/**
 * Backstop on the main connection, should the worker stop checkpointing (pages of 4 KiB: 256
 * MiB). SQLite counts every frame in the WAL, copied or not, and past this checkpoints on the
 * committing connection after every commit until the WAL starts over: two fsyncs on the event
 * loop each time. A burst that commits faster than a checkpoint catches up leaves the WAL no
 * moment to start over (see Pinning), so it grows through the burst (~11,000 frames for 10,000
 * jobs) and starts over in the first pause; at the old 10,000 the burst's last commits paid.
 */
export const BACKSTOP_CHECKPOINT_PAGES = 65_536;

// Plain CommonJS, evaluated in the worker: no loader or TypeScript needed there. It has no
// timer of its own (time comes from the Clock): the main thread says when to checkpoint.
//
// Pinning. A writer that finds every WAL frame copied into the database starts the WAL over,
// and must fsync the new WAL header inside its commit: on the main connection that is an fsync
// on the event loop, after every checkpoint (four times a second in a burst), 1-6 ms on a
// quiet disk and 15-45 ms measured while other writes kept the disk busy, each one a pause
// every due timer waits behind. So before each checkpoint the worker takes a read snapshot of
// the WAL as it is (the pin) and lets the previous one go: the checkpoint copies the frames up
// to the pin and no further, a writer finds frames not yet copied and appends instead of
// starting over, and the next checkpoint copies the rest. Once the WAL holds restartFrames
// frames the worker takes no pin, the checkpoint copies everything and the next commit starts
// the file over: one fsync on the event loop per that many frames, and the file stays bounded.
// Two connections take the pin in turn, so a snapshot is always held while the next is taken.
// A pin taken when nothing was left to copy reads the database file only and would hold back
// the next checkpoint altogether; it lasts until the next tick, which lets it go.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const open = () => {
  const c = new Database(workerData.path, { fileMustExist: true });
  c.pragma('busy_timeout = 1000');
  return c;
};
const db = open();
const pins = [open(), open()];
let held = -1;
let walFrames = 0;
const takePin = (c) => {
  c.exec('BEGIN');
  c.prepare('SELECT 1 FROM sqlite_master LIMIT 1').get();
};
const letGo = (c) => {
  if (c.inTransaction) c.exec('COMMIT');
};
const checkpoint = (final) => {
  try {
    const next = held === 0 ? 1 : 0;
    const pin = !final && walFrames < workerData.restartFrames;
    if (pin) takePin(pins[next]);
    if (held >= 0) letGo(pins[held]);
    held = pin ? next : -1;
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    walFrames = result ? result.log : 0;
  } catch (err) {
    for (const c of pins) try { letGo(c); } catch {}
    held = -1;
    parentPort.postMessage({ error: String((err && err.message) || err) });
  }
};
parentPort.on('message', (msg) => {
  if (msg === 'checkpoint') return checkpoint(false);
  if (msg !== 'stop') return;
  checkpoint(true);
  for (const c of pins) c.close();
  db.close();
  parentPort.close();
});
`;

export interface CheckpointerOptions {
  clock: Clock;
  /**
   * Time between checkpoints (ms). Default 250: a burst writes ~10 MB of WAL a second, and one
   * that outgrew the worker's pace reached the main connection's backstop, whose checkpoint ran
   * inside a commit on the event loop (57-342 ms stalls; p99 lateness of timed jobs under a
   * burst 12-25 ms at 1 s, 6-7 ms at 250 ms).
   */
  intervalMs?: number;
  /** How long the worker stays after the WAL was last found with frames to copy (ms). Default 30,000. */
  idleMs?: number;
  /**
   * WAL frames (4 KiB pages) past which the worker lets the WAL start over (see Pinning).
   * Default 4,096 (16 MiB): a burst writes ~10 MB a second, so about one restart, one fsync
   * on the event loop, every 1.6 s of it instead of every interval.
   */
  restartFrames?: number;
  onError?: (message: string) => void;
}

/**
 * Reads whether the WAL of the database at `path` holds frames not yet checkpointed, from its
 * WAL index (`<path>-shm`, https://www.sqlite.org/walformat.html): mxFrame, the last valid
 * frame (offset 16 of the index header), against nBackfill, the frames already copied into the
 * database (offset 96, the checkpoint info after the header's two copies); both in the host's
 * byte order. Returns a probe answering true (pending), false (nothing to copy), or true when it
 * cannot tell (no index file yet, a short read): checkpointing needlessly is harmless.
 */
const LITTLE_ENDIAN = endianness() === 'LE';

export function walProbe(path: string): { pending(): boolean; close(): void } {
  let fd: number | undefined;
  const header = Buffer.alloc(136);
  return {
    pending() {
      try {
        fd ??= openSync(`${path}-shm`, 'r');
        if (readSync(fd, header, 0, header.length, 0) < header.length) return true;
      } catch {
        return true;
      }
      const mxFrame = LITTLE_ENDIAN ? header.readUInt32LE(16) : header.readUInt32BE(16);
      const nBackfill = LITTLE_ENDIAN ? header.readUInt32LE(96) : header.readUInt32BE(96);
      return mxFrame > nBackfill;
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}

interface RunningWorker {
  worker: Worker;
  exited: Promise<unknown>;
}

export function startCheckpointer(db: Db, opts: CheckpointerOptions): Checkpointer {
  if (db.memory) return { workerRunning: () => false, stop: async () => undefined };
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
  // After a burst the WAL file would keep its largest size; trim it when it restarts.
  db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const wal = walProbe(db.name);

  const spawn = (): RunningWorker => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { path: db.name, driver, restartFrames: opts.restartFrames ?? DEFAULT_RESTART_FRAMES },
    });
    worker.unref(); // never what keeps the process alive
    worker.on('message', (m: { error?: string }) => m.error && opts.onError?.(m.error));
    worker.on('error', (err) => opts.onError?.(err.message));
    return { worker, exited: once(worker, 'exit') };
  };
  /** Lets the worker finish its last checkpoint and close its connection, then exit. */
  const retire = async ({ worker, exited }: RunningWorker): Promise<void> => {
    worker.ref(); // keep the process alive until the worker has closed its connection
    worker.postMessage('stop');
    await exited;
  };

  const { clock } = opts;
  const every = opts.intervalMs ?? 250;
  const idleMs = opts.idleMs ?? 30_000;
  let current: RunningWorker | undefined;
  let lastPending = 0;
  const retiring = new Set<Promise<void>>();
  const done = new AbortController();
  const pacing = (async () => {
    while (!done.signal.aborted) {
      await clock.sleepUntil(new Date(clock.now().getTime() + every), done.signal).catch(() => undefined);
      if (done.signal.aborted) break;
      const now = clock.now().getTime();
      if (wal.pending()) {
        current ??= spawn();
        current.worker.postMessage('checkpoint');
        lastPending = now;
      } else if (current && now - lastPending >= idleMs) {
        const leaving = retire(current);
        current = undefined;
        retiring.add(leaving);
        void leaving.finally(() => retiring.delete(leaving));
      }
    }
  })();

  let stopped: Promise<void> | undefined;
  return {
    workerRunning: () => current !== undefined,
    stop: () =>
      (stopped ??= (async () => {
        done.abort();
        await pacing;
        if (current) await retire(current);
        current = undefined;
        await Promise.all(retiring);
        wal.close();
        // Without the worker, the main connection checkpoints at SQLite's usual pace again.
        if (db.open) db.pragma('wal_autocheckpoint = 1000');
      })()),
  };
}
