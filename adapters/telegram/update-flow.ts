import { sequentialize } from '@grammyjs/runner';
import type { Context, MiddlewareFn } from 'grammy';
import type { AdapterLogger } from './logger.js';

/**
 * The lane an update waits in: updates in one lane are handled one after another, lanes run
 * concurrently. Messages keep their order per chat. Button presses get a lane of their own per
 * chat: Telegram wants a query answered within seconds, and a reply waiting for a busy group's
 * send budget must not hold a press up.
 */
export function laneOf(ctx: Context): string | undefined {
  const query = ctx.callbackQuery;
  if (query) return `cb:${query.message?.chat.id ?? query.from.id}`;
  return ctx.chat ? String(ctx.chat.id) : undefined;
}

/** Middleware keeping each lane in order (grammY runner's `sequentialize`). */
export const inLaneOrder = (): MiddlewareFn<Context> => sequentialize(laneOf);

/**
 * The updates whose handling has not finished, so that stop() can let them finish, and the
 * last update id seen, so that stop() can confirm it to Telegram.
 */
export class UpdatesInFlight {
  private readonly pending = new Set<Promise<void>>();
  /** Highest update_id handed to the middleware so far. */
  lastUpdateId: number | undefined;

  /**
   * Counts every update until its handling is over. `detach` lets the caller go on at once (a
   * webhook answers Telegram before the handler ran: a reply waiting for a busy group's send
   * budget would outlast the webhook's timeout and Telegram would send the update again);
   * handler errors are then logged here, since grammY's error handler has returned by then.
   */
  track(opts: { detach: boolean; logger: AdapterLogger }): MiddlewareFn<Context> {
    return (ctx, next) => {
      this.lastUpdateId = Math.max(this.lastUpdateId ?? ctx.update.update_id, ctx.update.update_id);
      const done = next();
      const counted = done.catch(() => undefined);
      this.pending.add(counted);
      void counted.finally(() => this.pending.delete(counted));
      if (!opts.detach) return done;
      done.catch((err: unknown) => opts.logger.error({ err, update: ctx.update.update_id }, 'telegram: update handler failed'));
      return Promise.resolve();
    };
  }

  /** Resolves when every update, including ones arriving meanwhile, has been handled. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
