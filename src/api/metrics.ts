import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { StoreStats } from '../core/ports/job-store.js';
import type { SchedulerApi } from '../core/scheduler-api.js';

type Stats = StoreStats & { running: number };

/**
 * The store's counts once per scrape: `next()` starts a scrape, and every gauge below reads
 * that scrape's snapshot, so a scrape costs one `stats()` (a few grouped counts) and its
 * numbers agree with each other.
 */
function statsPerScrape(scheduler: SchedulerApi): { get: () => Promise<Stats>; next: () => void } {
  let current: Promise<Stats> | undefined;
  return {
    get: () => (current ??= scheduler.stats()),
    next: () => {
      current = undefined;
    },
  };
}

/**
 * The server's metrics, in their own registry (no process-wide default): two servers in one
 * process (tests) never collide, and the store's counts are read when Prometheus scrapes,
 * not kept in step by hand. Node's default metrics come with it (prefixed `chime_`), among
 * them the event-loop lag: `chime_nodejs_eventloop_lag_seconds` and its percentiles from
 * monitorEventLoopDelay (`…_lag_p50_seconds`, `…_p99_seconds`). Run outcomes, lateness and
 * duration as they happen are run-metrics.ts.
 */
export function createMetrics(
  scheduler: SchedulerApi,
  nowMs: () => number,
): { registry: Registry; httpDuration: Histogram<'method' | 'route' | 'status'>; scrape: () => Promise<string> } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'chime_' });
  const snapshot = statsPerScrape(scheduler);
  const stats = snapshot.get;
  new Gauge({
    name: 'chime_jobs',
    help: 'Jobs by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      for (const [status, n] of Object.entries((await stats()).jobsByStatus)) this.set({ status }, n);
    },
  });
  new Gauge({
    name: 'chime_jobs_by_kind',
    help: 'Jobs by status and kind (executor)',
    labelNames: ['status', 'kind'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of (await stats()).jobsByKind) this.set({ status: r.status, kind: r.kind }, r.n);
    },
  });
  new Counter({
    name: 'chime_runs',
    help: 'Runs kept in history, by outcome',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [status, n] of Object.entries((await stats()).runsByStatus)) this.inc({ status }, n ?? 0);
    },
  });
  new Gauge({
    name: 'chime_runs_in_progress',
    help: 'Runs executing in this process',
    registers: [registry],
    async collect() {
      this.set((await stats()).running);
    },
  });
  registerOutboxMetrics(registry, stats, nowMs);
  const httpDuration = new Histogram({
    name: 'chime_http_request_duration_seconds',
    help: 'HTTP API request duration',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const scrape = async (): Promise<string> => {
    snapshot.next();
    return registry.metrics();
  };
  return { registry, httpDuration, scrape };
}

/**
 * The outbox from the store: depth and how long its oldest unsent message has waited (a stuck
 * platform shows as a growing age), and per platform the messages delivered and given up and
 * the failed send attempts among the messages kept (housekeeping prunes sent and dead ones,
 * so these are gauges, not counters).
 */
function registerOutboxMetrics(registry: Registry, stats: () => Promise<Stats>, nowMs: () => number): void {
  new Gauge({
    name: 'chime_outbox_messages',
    help: 'Outbox messages waiting (pending, including being sent) or given up (dead)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const s = await stats();
      this.set({ status: 'pending' }, s.outboxPending);
      this.set({ status: 'dead' }, s.outboxDead);
    },
  });
  new Gauge({
    name: 'chime_outbox_oldest_unsent_age_seconds',
    help: 'How long the oldest message not yet sent has waited (0 when none waits)',
    registers: [registry],
    async collect() {
      const waiting = (await stats()).outboxByPlatform.filter((r) => r.status === 'pending' || r.status === 'sending');
      const oldest = Math.min(...waiting.map((r) => r.oldestCreatedAt?.getTime() ?? Number.POSITIVE_INFINITY));
      this.set(Number.isFinite(oldest) ? Math.max(0, nowMs() - oldest) / 1000 : 0);
    },
  });
  new Gauge({
    name: 'chime_outbox_by_platform',
    help: 'Outbox messages kept, by platform and status (sent: delivered; dead: given up)',
    labelNames: ['platform', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of (await stats()).outboxByPlatform) this.set({ platform: r.platform, status: r.status }, r.n);
    },
  });
  new Gauge({
    name: 'chime_outbox_failed_attempts',
    help: 'Failed send attempts (retried or given up) of the outbox messages kept, by platform',
    labelNames: ['platform'],
    registers: [registry],
    async collect() {
      this.reset();
      const byPlatform = new Map<string, number>();
      for (const r of (await stats()).outboxByPlatform) byPlatform.set(r.platform, (byPlatform.get(r.platform) ?? 0) + r.failedAttempts);
      for (const [platform, n] of byPlatform) this.set({ platform }, n);
    },
  });
}
