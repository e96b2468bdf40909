import { run } from '@grammyjs/runner';
import type { Bot } from 'grammy';
import type { AdapterLogger } from './logger.js';
import { ALLOWED_UPDATES } from './webhook-server.js';

/** Long polling that stop() ends gracefully. */
export interface Polling {
  /** Stops fetching and confirms the updates seen so far; handlers still running are the caller's to await. */
  stop(): Promise<void>;
  /** Whether updates are still being fetched (false once stopped or failed for good). */
  running(): boolean;
}

/**
 * Long polling through grammY's runner: the next batch is fetched while earlier updates are
 * still being handled, so one slow chat does not hold up the others (the update lanes keep
 * each chat in order). `lastUpdateId` is the newest update handed to the middleware.
 */
export async function startPolling(bot: Bot, logger: AdapterLogger, lastUpdateId: () => number | undefined): Promise<Polling> {
  // A webhook left by an earlier run in webhook mode makes getUpdates fail (409); grammY's
  // own bot.start() removes it the same way.
  await bot.api.deleteWebhook();
  const runner = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] }, silent: true } });
  const task = runner.task()?.catch((err: unknown) => logger.error({ err }, 'telegram: long polling stopped with an error'));
  return {
    running: () => runner.isRunning(),
    async stop() {
      await runner.stop();
      await task;
      // The runner confirms a batch only with its next getUpdates, which stopping cancels:
      // confirm now, so a restart is not handed the same updates again (bot.stop() does too).
      const last = lastUpdateId();
      if (last === undefined) return;
      await bot.api
        .getUpdates({ offset: last + 1, limit: 1, timeout: 0 })
        .catch((err: unknown) => logger.warn({ err }, 'telegram: confirming the last updates failed'));
    },
  };
}
