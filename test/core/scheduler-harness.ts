import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { ManualClock, flushMicrotasks } from '../../src/clock.js';
import type { CommandHandler, Executor } from '../../src/core/executor.js';
import { createExecutors } from '../../src/core/executors/index.js';
import type { FetchLike } from '../../src/core/executors/poll-url.js';
import type { NewJob } from '../../src/core/job.js';
import { Scheduler, type SchedulerOptions } from '../../src/core/scheduler.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';

/** The executor with its instant run taken away: its runs go through the pool. */
export function withoutInstantRun(e: Executor): Executor {
  return { kind: e.kind, parsePayload: e.parsePayload, run: e.run };
}

/** A scheduler on a real SQLite file in a temp dir, a ManualClock, and captured log lines. */
export function makeHarness(
  opts: {
    start?: string;
    options?: SchedulerOptions;
    commandHandler?: CommandHandler;
    fetch?: FetchLike;
    dir?: string;
    instanceId?: string;
    /** Job kinds beside the built-in ones (or in place of a built-in one of the same kind). */
    executors?: Executor[];
    /** false: no kind has an instant run, so every run goes through the pool. Default true. */
    instant?: boolean;
  } = {},
) {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'chime-sched-'));
  const clock = new ManualClock(opts.start ?? '2026-11-22T10:00:00Z');
  const store = openSqliteStore(join(dir, 'chime.db'));
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      cb();
    },
  });
  const logger = pino({ level: 'info' }, sink);
  const scheduler = new Scheduler({
    store: store.jobs,
    clock,
    logger,
    executors: [
      ...createExecutors({
        ...(opts.commandHandler ? { commandHandler: opts.commandHandler } : {}),
        ...(opts.fetch ? { fetch: opts.fetch } : {}),
      }).filter((e) => !opts.executors?.some((x) => x.kind === e.kind)),
      ...(opts.executors ?? []),
    ].map((e) => (opts.instant === false ? withoutInstantRun(e) : e)),
    ...(opts.instanceId ? { instanceId: opts.instanceId } : {}),
    options: { retryDelayMs: 1000, ...opts.options },
  });
  return {
    dir,
    clock,
    store,
    scheduler,
    lines,
    /** Moves time and lets the loop, runs and settles finish. */
    async advance(ms: number) {
      await clock.advance(ms);
      await flushMicrotasks(20);
    },
    async settle() {
      await flushMicrotasks(20);
    },
    reminder(text: string, schedule: NewJob['schedule'], extra: Partial<NewJob> = {}): NewJob {
      return {
        kind: 'reminder',
        payload: { text },
        owner: { platform: 'telegram', userId: '7' },
        origin: { platform: 'telegram', chatId: '10018049', threadId: '5', messageId: '99' },
        schedule,
        timeZone: 'Europe/Berlin',
        ...extra,
      };
    },
    async close() {
      await scheduler.stop();
      store.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A kind (`slow`) whose runs wait until the test calls `finish`, so a change by a person lands
 * while a run is in progress.
 */
export function gatedExecutor(): { executor: Executor; finish: () => void } {
  let open: () => void = () => {};
  const executor: Executor = {
    kind: 'slow',
    parsePayload: (raw) => raw,
    run: () =>
      new Promise((resolve) => {
        open = () => resolve({ status: 'done', result: 'ok' });
      }),
  };
  return { executor, finish: () => open() };
}
