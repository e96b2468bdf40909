import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SchedulerApi } from '../../core/scheduler-api.js';

/** A readiness check: resolves true when its part works; a throw counts as not ready. */
export type ReadinessCheck = () => Promise<boolean>;

export interface HealthDeps {
  scheduler: SchedulerApi;
  /** Extra checks by name (adapters connected); the store check is always there. */
  readiness?: Record<string, ReadinessCheck>;
}

/**
 * The server's metrics, in their own registry (no process-wide default): two servers in one
 * process (tests) never collide, and the store's counts are read when Prometheus scrapes,
 * not kept in step by hand.
 */
export function createMetrics(scheduler: SchedulerApi): { registry: Registry; httpDuration: Histogram<'method' | 'route' | 'status'> } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'chime_' });
  new Gauge({
    name: 'chime_jobs',
    help: 'Jobs by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const stats = await scheduler.stats();
      for (const [status, n] of Object.entries(stats.jobsByStatus)) this.set({ status }, n);
    },
  });
  new Counter({
    name: 'chime_runs',
    help: 'Runs kept in history, by outcome',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const stats = await scheduler.stats();
      this.reset();
      for (const [status, n] of Object.entries(stats.runsByStatus)) this.inc({ status }, n ?? 0);
    },
  });
  new Gauge({
    name: 'chime_outbox_messages',
    help: 'Outbox messages waiting (pending) or given up (dead)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const stats = await scheduler.stats();
      this.set({ status: 'pending' }, stats.outboxPending);
      this.set({ status: 'dead' }, stats.outboxDead);
    },
  });
  new Gauge({
    name: 'chime_runs_in_progress',
    help: 'Runs executing in this process',
    registers: [registry],
    async collect() {
      this.set((await scheduler.stats()).running);
    },
  });
  const httpDuration = new Histogram({
    name: 'chime_http_request_duration_seconds',
    help: 'HTTP API request duration',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return { registry, httpDuration };
}

/** `/healthz` (the process answers), `/readyz` (the store and the named parts work). */
export function registerHealthRoutes(app: FastifyInstance, deps: HealthDeps): void {
  app.get('/healthz', { config: { public: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { public: true } }, async (_request, reply) => {
    const checks: Record<string, ReadinessCheck> = {
      store: async () => (await deps.scheduler.countJobs(undefined, 1)) >= 0,
      ...deps.readiness,
    };
    const results: Record<string, boolean> = {};
    await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        results[name] = await check().catch(() => false);
      }),
    );
    const ready = Object.values(results).every(Boolean);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks: results });
  });
}
