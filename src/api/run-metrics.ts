import { Counter, Histogram, type Registry } from 'prom-client';
import type { TaskEvent } from '../core/events.js';

/** Subscribes to the scheduler's run events; returns the unsubscribe function. */
export type TaskEventSource = (listener: (event: TaskEvent) => void) => () => void;

const MAX_TRACKED = 100_000;

/**
 * Run metrics counted as runs happen in this process: outcomes by kind, how late each run
 * started against its scheduled time, and how long it took (from its `executed` event to its
 * outcome, on the injected clock). Prometheus sums them across instances.
 */
export function trackRuns(registry: Registry, source: TaskEventSource, nowMs: () => number): () => void {
  const outcomes = new Counter({
    name: 'chime_run_outcomes_total',
    help: 'Runs finished in this process, by outcome and job kind',
    labelNames: ['outcome', 'kind'] as const,
    registers: [registry],
  });
  const lateness = new Histogram({
    name: 'chime_run_lateness_seconds',
    help: 'How late runs started after their scheduled time',
    labelNames: ['kind'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 3600],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'chime_run_duration_seconds',
    help: 'Run duration, start to outcome',
    labelNames: ['kind'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120, 600, 3600],
    registers: [registry],
  });
  const started = new Map<string, number>();
  return source((event) => {
    const kind = event.job.kind;
    if (event.type === 'executed') {
      lateness.observe({ kind }, Math.max(0, event.run.lateMs) / 1000);
      // A run whose outcome never comes (process killed) must not grow this map forever.
      if (started.size >= MAX_TRACKED) started.clear();
      started.set(event.run.runId, nowMs());
      return;
    }
    outcomes.inc({ outcome: event.run.status, kind });
    const at = started.get(event.run.runId);
    if (at !== undefined) {
      started.delete(event.run.runId);
      duration.observe({ kind }, Math.max(0, nowMs() - at) / 1000);
    }
  });
}
