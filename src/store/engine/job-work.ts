import { movedJobPatch } from '../../core/chat-move.js';
import type { ChatMove, ChatMoveResult } from '../../core/ports/job-store.js';
import { UserError } from '../../core/errors.js';
import { ghostSessionId } from '../../core/ghost.js';
import { assertEditVersion } from '../../core/job-version.js';
import type { Job, JobStatus } from '../../core/job.js';
import type { ClaimedRun, Lease, OutboxMessage, OutboxRow, OutboxStatus, RunRecord, Settlement } from '../../core/run.js';
import { applyPatch, jobFromNew } from '../job-defaults.js';
import { JOB_ID_ATTEMPTS } from '../job-id.js';
import { cursorOf, pageCursor } from '../job-page.js';
import type {
  JobFilter,
  JobPage,
  JobPageRequest,
  JobPatch,
  JobPrecondition,
  NewJobRecord,
  RunFilter,
  StoreStats,
} from '../../core/ports/job-store.js';
import type { JobStoreQueries } from './job-queries.js';
import { mergeHistory, runInProgress, runInRange, wantsRunsInProgress } from './run-history.js';
import { type EventRecorder, schedulerActor } from './event-log.js';
import { jobFromRow, jobToParams, msOrNull, outboxFromRow, runFromRow } from './rows.js';
import { outboxParams, settleRecord } from './write-params.js';
import { type Work, requests } from './work.js';

/** The job store's operations other than claims, as work (see work.ts). */

const q = requests<JobStoreQueries>();

/**
 * Inserts the job for `input`. A taken caller-chosen id throws UserError `job.id_taken`; a
 * taken generated id is drawn again (31^6 ids make a streak of ten collisions all but impossible).
 */
export function* createJobWork(input: NewJobRecord, now: Date, newId: () => string, ev: EventRecorder): Work<Job> {
  for (let i = 1; ; i++) {
    const job = jobFromNew(input, input.id ?? newId(), now);
    if (yield* q.insertJob(jobToParams(job))) {
      ev.add('job.created', job.id, { name: job.name, kind: job.kind, status: job.status, nextRunAt: msOrNull(job.nextRunAt) });
      return job;
    }
    if (input.id !== undefined) throw new UserError('job.id_taken', `A job with id "${job.id}" already exists.`);
    if (i >= JOB_ID_ATTEMPTS) throw new Error(`store: no free job id after ${JOB_ID_ATTEMPTS} attempts`);
  }
}

/**
 * Applies `patch` to job `id`; undefined when there is no such job. With `precondition`, the
 * locked row must still be that version (else JobChangedError: the transaction writes nothing).
 */
export function* patchJobWork(
  id: string,
  patch: JobPatch,
  now: Date,
  ev: EventRecorder,
  precondition?: JobPrecondition,
): Work<Job | undefined> {
  const row = yield* q.getJobForUpdate(id);
  if (!row) return undefined;
  const before = jobFromRow(row);
  assertEditVersion(before, precondition);
  const job = { ...applyPatch(before, patch), id: row.id, createdAt: new Date(row.created_at), updatedAt: now };
  yield* q.rewriteJob(jobToParams(job));
  recordPatch(ev, row.status, job, patch);
  return job;
}

/**
 * A patch's events: its status change (paused, resumed, …), and `job.updated` naming the other
 * fields it set; a patch of nothing but the status it already had is still an update.
 */
function recordPatch(ev: EventRecorder, from: Job['status'], job: Job, patch: JobPatch): void {
  const fields = Object.keys(patch).filter((k) => k !== 'status' && k !== 'updatedAt');
  const nextRunAt = msOrNull(job.nextRunAt);
  ev.status(job.id, from, job.status, { nextRunAt });
  if (fields.length > 0 || from === job.status) ev.add('job.updated', job.id, { fields, status: job.status, nextRunAt });
}

/**
 * JobStore.moveChat: the old chat's jobs, locked in the one order of every transaction
 * locking several jobs (patchJobsWork), each rewritten as `movedJobPatch` says; then its
 * unsent messages, under the outbox claim lock so no claim sees half of them moved.
 */
export function* moveChatWork(move: ChatMove, now: Date, ev: EventRecorder): Work<ChatMoveResult> {
  if (move.from === move.to) return { jobs: [], outbox: 0 };
  const ids = yield* q.jobIds({ originPlatform: move.platform, originChatId: move.from });
  if (ids.length > 0) yield* q.lockJobs(ids);
  for (const id of ids) {
    const row = yield* q.getJobForUpdate(id);
    if (row) yield* patchJobWork(id, movedJobPatch(jobFromRow(row), move), now, ev);
  }
  yield* q.lockOutboxClaims();
  const outbox = yield* q.moveUnsentOutbox(move.platform, move.from, move.to);
  return { jobs: ids, outbox };
}

/**
 * Patches every job matching `filter`; their ids. The jobs are locked first, in the one order
 * of every transaction that locks several jobs (settleAll too), so two never deadlock.
 */
export function* patchJobsWork(filter: JobFilter, patch: JobPatch, now: Date, ev: EventRecorder): Work<string[]> {
  const ids = yield* q.jobIds(filter);
  if (ids.length === 0) return ids;
  yield* q.lockJobs(ids);
  for (const id of ids) yield* patchJobWork(id, patch, now, ev);
  return ids;
}

/**
 * Deletes a job; a run in progress for it can never settle, so it is recorded as abandoned.
 * With `precondition`, as patchJobWork: a locked row of another version is kept.
 */
export function* deleteJobWork(id: string, t: number, ev: EventRecorder, precondition?: JobPrecondition): Work<boolean> {
  const row = yield* q.getJobForUpdate(id);
  if (!row) return false;
  assertEditVersion(jobFromRow(row), precondition);
  if (row.lease_run_id) {
    yield* q.abandonLeasedRun(id, t, 'job deleted', ghostSessionId(id));
    ev.abandoned(id, row.lease_run_id, 'job deleted', ev.actor);
  }
  const deleted = yield* q.deleteJob(id);
  if (deleted) ev.add('job.deleted', id, { name: row.name, status: row.status });
  return deleted;
}

/** One page, and the cursor of the next only when a row past the page exists (one extra row read). */
export function* pageJobsWork(filter: JobFilter, page: JobPageRequest): Work<JobPage> {
  const order = page.order ?? { key: 'created' };
  const rows = yield* q.pageJobs(filter, order, pageCursor(page.after), page.size + 1);
  const jobs = rows.slice(0, page.size);
  const last = jobs.at(-1);
  const more = rows.length > page.size && last !== undefined;
  return {
    jobs: jobs.map(jobFromRow),
    ...(more ? { next: cursorOf({ value: last.sort_value, seq: last.page_seq }, order.key === 'created') } : {}),
  };
}

/**
 * Settles the runs whose leases still hold, all or nothing; whether each settled, in input
 * order. Several jobs are locked in the one multi-job lock order first (see patchJobsWork).
 */
export function* settleWork(
  items: Array<{ run: ClaimedRun; settlement: Settlement }>,
  t: number,
  ev: EventRecorder,
  /** The jobs are locked by this transaction already (it claimed them). */
  locked = false,
  /** Runs read without a lease in this transaction (instant runs): settled while their job holds none. */
  unleased?: ReadonlySet<string>,
): Work<boolean[]> {
  const records = items.map((i) => settleRecord(i.run, i.settlement, t, unleased?.has(i.run.runId) ?? false));
  if (items.length > 1 && !locked) yield* q.lockJobs([...new Set(items.map((i) => i.run.job.id))]);
  const stored = yield* q.settleRuns(records, t);
  return stored.map((status, k) => {
    if (status === null) return false;
    ev.settled(items[k]!.run, items[k]!.settlement, status);
    return true;
  });
}

/** Gives a claim back unrun; 1 when the lease was still that run's. */
export function* releaseClaimWork(run: ClaimedRun, ev: EventRecorder): Work<number> {
  const n = yield* q.clearLease(run.job.id, run.runId);
  if (n > 0) ev.add('run.released', run.job.id, { runId: run.runId }, schedulerActor(run.job.id, run.leaseOwner));
  return n;
}

/** Finished runs merged with the runs in progress (on the leases); newest first. */
export function* listRunsWork(filter: RunFilter): Work<RunRecord[]> {
  const limit = filter.limit ?? 50;
  const running = wantsRunsInProgress(filter)
    ? (yield* q.runningRuns(filter.jobId ?? null, limit)).map(runInProgress).filter((r) => runInRange(r, filter))
    : [];
  if (filter.status === 'running') return running;
  return mergeHistory(running, (yield* q.listRuns(filter)).map(runFromRow), limit);
}

/** One run: finished (the history) or in progress (its job's lease). */
export function* getRunWork(runId: string): Work<RunRecord | undefined> {
  const finished = yield* q.getRun(runId);
  if (finished) return runFromRow(finished);
  const running = yield* q.runningRun(runId);
  return running ? runInProgress(running) : undefined;
}

export function* pruneRunsWork(opts: { olderThan?: Date; keepPerJob?: number }): Work<number> {
  let n = 0;
  if (opts.olderThan) n += yield* q.pruneRunsOlderThan(opts.olderThan.getTime());
  if (opts.keepPerJob !== undefined) n += yield* q.pruneRunsBeyondCount(Math.max(0, opts.keepPerJob));
  return n;
}

/** Adds messages outside a run; a malformed one throws inside the transaction, which then writes none. */
export function* enqueueOutboxWork(messages: OutboxMessage[], t: number): Work<void> {
  yield* q.insertOutbox(messages.map(outboxParams), t);
}

/** Leases messages that may be sent at `t`, in id order (each chat's order). */
export function* claimOutboxWork(t: number, limit: number, lease: Lease): Work<OutboxRow[]> {
  yield* q.lockOutboxClaims();
  const rows = yield* q.claimOutbox(t, limit, lease.owner, t + lease.durationMs);
  rows.sort((a, b) => a.id - b.id);
  return rows.map(outboxFromRow);
}

export function* statsWork(): Work<StoreStats> {
  const counts = yield* q.counts();
  const jobsByStatus: StoreStats['jobsByStatus'] = { active: 0, paused: 0, completed: 0, failed: 0, cancelled: 0 };
  for (const r of counts.jobs) jobsByStatus[r.status as keyof typeof jobsByStatus] += r.n;
  const runsByStatus: StoreStats['runsByStatus'] = {};
  for (const r of counts.runs) if (r.n > 0) runsByStatus[r.status as keyof typeof runsByStatus] = r.n;
  return {
    jobsByStatus,
    jobsByKind: counts.jobs.map((r) => ({ status: r.status as JobStatus, kind: r.kind, n: r.n })),
    runsByStatus,
    outboxPending: counts.outbox.pending,
    outboxDead: counts.outbox.dead,
    outboxByPlatform: counts.outboxByPlatform.map((r) => ({
      platform: r.platform,
      status: r.status as OutboxStatus,
      n: r.n,
      failedAttempts: r.failed_attempts,
      oldestCreatedAt: r.oldest === null ? null : new Date(r.oldest),
    })),
  };
}

/** The earlier of optional epoch-ms instants (nextDueAt, nextOutboxAt), as a Date. */
export function earliest(...ts: Array<number | null | undefined>): Date | undefined {
  const vals = ts.filter((t): t is number => typeof t === 'number');
  return vals.length ? new Date(Math.min(...vals)) : undefined;
}
