import type { Job } from '../core/job.js';
import type { RunRecord } from '../core/run.js';
import { isRecurring } from '../core/schedule.js';
import { formatScheduleSpec } from '../core/schedule-spec.js';
import { scheduleInWords } from '../core/schedule-words.js';
import { formatInZone } from '../core/time/zoned.js';
import { ghostSessionId } from '../core/ghost.js';
import { jobEtag } from './job-etag.js';

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/**
 * A job as the API shows it: instants in UTC (ISO 8601), the next run also in the job's zone,
 * and the schedule as data, as its canonical spec (what `schedule` accepts back) and in words,
 * the words the chat's /list says ("every last Friday at 09:00, Europe/Berlin") with its bounds
 * (", until 2026-12-06 12:00", ", 3 times in all"), so a client such as the dashboard shows the
 * same rule without wording it again. Each job carries its version (`etag`, the ETag its own GET
 * answers with), so a client that shows jobs from a list can send If-Match with a change to one
 * of them: the change then applies to the version it showed, or is refused with 412.
 */
export function jobView(job: Job): Record<string, unknown> {
  return {
    id: job.id,
    name: job.name,
    kind: job.kind,
    status: job.status,
    payload: job.payload,
    owner: job.owner,
    origin: job.origin,
    timeZone: job.timeZone,
    schedule: job.schedule,
    scheduleSpec: formatScheduleSpec(job.schedule, job.bounds, job.timeZone),
    scheduleText: scheduleInWords(job),
    recurring: isRecurring(job.schedule),
    bounds: job.bounds,
    nextRunAt: iso(job.nextRunAt),
    nextRunLocal: job.nextRunAt === null ? null : formatInZone(job.nextRunAt, job.timeZone),
    workflowId: job.workflowId,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    retries: job.retries,
    retryDelayMs: job.retryDelayMs,
    timeoutMs: job.timeoutMs,
    successMessage: job.successMessage,
    failureMessage: job.failureMessage,
    completionMode: job.completionMode,
    runCount: job.runCount,
    lastRunAt: iso(job.lastRunAt),
    lastError: job.lastError,
    completedAt: iso(job.completedAt),
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
    ghostSessionId: ghostSessionId(job.id),
    etag: jobEtag(job),
  };
}

/** A run as the API shows it. */
export function runView(run: RunRecord): Record<string, unknown> {
  return {
    runId: run.runId,
    jobId: run.jobId,
    status: run.status,
    trigger: run.trigger,
    attempt: run.attempt,
    scheduledFor: run.scheduledFor.toISOString(),
    startedAt: run.startedAt.toISOString(),
    finishedAt: iso(run.finishedAt),
    lateMs: run.lateMs,
    durationMs: run.durationMs,
    result: run.result,
    error: run.error,
    ghostSessionId: run.ghostSessionId,
  };
}

/**
 * One run in full (`GET /api/v1/runs/{runId}`): the run, and its job when it still exists. What
 * the run's ghost session did (a transcript) belongs here too when runs record it: add it as a
 * field of this view, and the route and its OpenAPI description stay as they are.
 */
export function runDetail(run: RunRecord, job: Job | undefined): Record<string, unknown> {
  return {
    ...runView(run),
    job: job ? { id: job.id, name: job.name, kind: job.kind, status: job.status } : null,
  };
}
