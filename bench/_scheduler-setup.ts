import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { SystemClock } from '../src/core/system-clock.js';
import { createExecutors } from '../src/core/executors/index.js';
import type { NewJob } from '../src/core/job.js';
import { Scheduler, type SchedulerOptions } from '../src/core/scheduler.js';
import { openSqliteStore, startCheckpointer } from '../src/store/sqlite/index.js';

/** A real scheduler on a temp SQLite file with the system clock; logs formatted into a null stream. */
export function benchScheduler(options: SchedulerOptions) {
  const dir = mkdtempSync(join(tmpdir(), 'chime-bench-'));
  const store = openSqliteStore(join(dir, 'bench.db'));
  const clock = new SystemClock();
  const logger = pino({ level: 'info' }, new Writable({ write: (_c, _e, cb) => cb() }));
  // As `chime start` runs it: WAL checkpoints in a worker thread, off the event loop.
  const checkpointer = startCheckpointer(store.db, { clock });
  const scheduler = new Scheduler({ store: store.jobs, clock, logger, executors: createExecutors(), options });
  /** Inserts reminder jobs due at the given instants in one transaction (fast set-up). */
  const insert = (dueTimes: Date[]): void => {
    store.db.transaction(() => {
      for (const [i, at] of dueTimes.entries()) {
        const input: NewJob & { nextRunAt: Date } = {
          kind: 'reminder',
          payload: { text: `bench ${i}` },
          owner: { platform: 'bench', userId: String(i % 500) },
          origin: { platform: 'bench', chatId: String(i % 500) },
          schedule: { kind: 'once', at },
          timeZone: 'UTC',
          nextRunAt: at,
        };
        store.jobs.createJob(input, clock.now());
      }
    })();
  };
  /** Closes the store and deletes the temp directory. */
  const dispose = async (): Promise<void> => {
    await checkpointer.stop();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { store, scheduler, clock, insert, dispose };
}
