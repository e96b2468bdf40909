import type { Job } from '../core/job.js';
import type { NewJobRecord } from '../core/ports/job-store.js';

/** Retries after a failed run before an occurrence counts as failed. */
export const DEFAULT_RETRIES = 3;
/** Base retry delay, doubled each retry (ms). */
export const DEFAULT_RETRY_DELAY_MS = 5000;
/** Run timeout (ms): 1 hour. */
export const DEFAULT_TIMEOUT_MS = 3_600_000;
/** Checks a poll job makes per occurrence before it fails. */
export const DEFAULT_POLL_MAX_ATTEMPTS = 120;

/**
 * The full Job a store writes for `input`: every optional field defaulted. `maxAttempts`
 * defaults to 120 for poll kinds (`poll_*`) and to retries + 1 otherwise.
 */
export function jobFromNew(input: NewJobRecord, id: string, now: Date): Job {
  const retries = input.retries ?? DEFAULT_RETRIES;
  const status = input.status ?? 'active';
  const nextRunAt =
    input.nextRunAt !== undefined ? input.nextRunAt : input.schedule.kind === 'once' && status === 'active' ? input.schedule.at : null;
  return {
    id,
    name: input.name ?? input.kind,
    kind: input.kind,
    payload: input.payload,
    owner: { ...input.owner },
    origin: { ...input.origin },
    schedule: input.schedule,
    bounds: input.bounds ?? {},
    timeZone: input.timeZone,
    status,
    nextRunAt,
    attempts: 0,
    maxAttempts: input.maxAttempts ?? (input.kind.startsWith('poll_') ? DEFAULT_POLL_MAX_ATTEMPTS : retries + 1),
    retries,
    retryDelayMs: input.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS,
    timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    workflowId: input.workflowId ?? null,
    successMessage: input.successMessage ?? null,
    failureMessage: input.failureMessage ?? null,
    completionMode: input.completionMode ?? 'notify',
    createdAt: now,
    updatedAt: now,
    lastRunAt: null,
    completedAt: null,
    runCount: 0,
    lastError: null,
  };
}

/** `job` with `patch` applied; keys whose value is `undefined` are ignored. */
export function applyPatch<T extends object>(job: T, patch: Partial<T>): T {
  const out = { ...job };
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
