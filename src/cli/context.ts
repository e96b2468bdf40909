import type { Clock } from '../core/ports/clock.js';
import type { EventLog } from '../core/ports/event-log.js';
import type { Config } from '../config.js';
import type { Housekeeper } from '../core/housekeeping.js';
import type { SchedulerApi } from '../core/scheduler-api.js';
import { createLogger } from '../log.js';
import { createApp } from '../app.js';
import { describeDatabase, openStore } from '../store/open-store.js';
import { type CliIo, configOf } from './io.js';

/** What the job commands work with: the app's parts, not started (no loop, no adapters). */
export interface CliContext {
  config: Config;
  /** The database the command works on, for people ("No jobs in /srv/chime/data/chime.db."). */
  database: string;
  clock: Clock;
  scheduler: SchedulerApi;
  housekeeper: Housekeeper;
  /** The event log, read straight from the store (`chime events tail`). */
  events: EventLog;
}

/**
 * Opens the database named by the configuration in `io.env`, runs `fn`, then shuts down
 * (waiting for any run `fn` started, e.g. `jobs run`). Logs go to stderr at `warn` unless
 * LOG_LEVEL says otherwise, so command output stays clean.
 */
export async function withContext<T>(io: CliIo, fn: (ctx: CliContext) => Promise<T>): Promise<T> {
  const config = configOf(io);
  const logger = createLogger({ level: io.env.LOG_LEVEL ? config.logLevel : 'warn' });
  const app = createApp({ config, logger, store: await openStore(config) });
  try {
    return await fn({
      config,
      database: describeDatabase(config),
      clock: app.clock,
      scheduler: app.scheduler,
      housekeeper: app.housekeeper,
      events: app.store.events,
    });
  } finally {
    await app.stop();
  }
}
