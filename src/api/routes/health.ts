import { z } from 'zod';
import type { SchedulerApi } from '../../core/scheduler-api.js';
import type { RouteTable } from '../route-table.js';

/** A readiness check: resolves true when its part works; a throw counts as not ready. */
export type ReadinessCheck = () => Promise<boolean>;

export interface HealthDeps {
  scheduler: SchedulerApi;
  /** Extra checks by name (the app's adapters: connected); the store check is always there. */
  readiness?: Record<string, ReadinessCheck>;
  /** The Prometheus text of one scrape (metrics.ts). */
  scrape: () => Promise<string>;
  contentType: string;
  /** The OpenAPI document. */
  document: () => Record<string, unknown>;
}

const readyDoc = z.object({ status: z.enum(['ready', 'not ready']), checks: z.record(z.string(), z.boolean()) });

/**
 * `/healthz` (the process answers), `/readyz` (the store answers and every adapter is
 * connected), `/metrics` (Prometheus, with a token) and the OpenAPI document.
 */
export function registerHealthRoutes(routes: RouteTable, deps: HealthDeps): void {
  const tags = ['operations'];
  routes.addPublic({
    method: 'GET',
    url: '/healthz',
    operationId: 'health',
    summary: 'Liveness: the process answers',
    tags,
    responses: { 200: { description: 'Alive', schema: z.object({ status: z.literal('ok') }) } },
    handler: async () => ({ status: 'ok' }),
  });
  routes.addPublic({
    method: 'GET',
    url: '/readyz',
    operationId: 'ready',
    summary: 'Readiness: the store answers and every chat platform is connected',
    description: 'Each check by name (`store`, `adapter_telegram`, …); 503 when any is false.',
    tags,
    responses: { 200: { description: 'Ready', schema: readyDoc }, 503: { description: 'Not ready', schema: readyDoc } },
    handler: async ({ reply }) => {
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
    },
  });
  routes.add({
    method: 'GET',
    url: '/metrics',
    operationId: 'metrics',
    summary: 'Prometheus metrics: jobs, runs, lateness, durations, outbox, deliveries, event-loop lag',
    tags,
    responses: { 200: { description: 'Prometheus text format', contentType: 'text/plain' } },
    handler: async ({ reply }) => reply.type(deps.contentType).send(await deps.scrape()),
  });
  routes.addPublic({
    method: 'GET',
    url: '/api/openapi.json',
    operationId: 'openapi',
    summary: 'This document',
    tags,
    responses: { 200: { description: 'OpenAPI 3.1' } },
    handler: async () => deps.document(),
  });
}
