import type { Job, JobStatus } from '../core/job.js';
import { isRecurring, nextFireWithin } from '../core/schedule.js';
import type { JobPatch } from '../core/ports/job-store.js';
import { action, instantArg, readInstantArg } from './action-ids.js';
import type { ResolvedChatDeps } from './command.js';
import { jobSubject } from './describe.js';
import { formatLocalTime, formatWhen, truncate } from './format.js';
import { definitionVersion, stateVersion } from '../core/job-version.js';
import type { Action } from './message.js';

const STATUS_CODE: Record<JobStatus, string> = { active: 'a', paused: 'p', completed: 'c', failed: 'f', cancelled: 'x' };
const CODE_STATUS = Object.fromEntries(Object.entries(STATUS_CODE).map(([s, c]) => [c, s as JobStatus])) as Record<string, JobStatus>;

/**
 * Undo under a creation's confirmation: removes the job, as long as nobody changed it since.
 * It carries the job's state version, not only its definition: a /snooze, /pause or Keep
 * clock times leaves the text and schedule as they were, and the Undo deleted the reminder the
 * person had just moved.
 */
export function undoCreateAction(job: Job): Action {
  return action('undo', job.id, [stateVersion(job)]);
}

/**
 * Whether a creation's Undo still finds the job as its message showed it. Buttons sent before
 * the state version carry the definition's (or nothing): those count only on a job never
 * written since it was created.
 */
function unchangedSinceCreated(job: Job, version: string | undefined): boolean {
  if (version !== undefined && stateVersion(job) === version) return true;
  const untouched = job.updatedAt.getTime() === job.createdAt.getTime();
  return untouched && (version === undefined || definitionVersion(job) === version);
}

/** Undo under an edit's confirmation: puts back the definition the edit replaced. */
export function undoEditAction(deps: ResolvedChatDeps, before: Job, after: Job): Action {
  const version = stateVersion(after);
  const { name, payload, schedule, bounds, timeZone, status, nextRunAt } = before;
  deps.memory.editsUndone.set(`${after.id}.${version}`, { name, payload, schedule, bounds, timeZone, status, nextRunAt });
  return action('ue', after.id, [version]);
}

/** Undo for a change of status or next run (snooze, move, pause, resume, cancel, Done). */
export function undoStateAction(before: Job, after: Job): Action {
  return action('ur', after.id, [stateVersion(after), STATUS_CODE[before.status], before.nextRunAt ? instantArg(before.nextRunAt) : 'n']);
}

/** Marks an Undo of a cancel that ended snoozed copies too; they wait in `copiesUndone`. */
const WITH_COPIES = 'c';

/**
 * Undo for a cancel of a series that ended its snoozed copies with it: one button puts back
 * the series and every copy, or (changed since, or forgotten after a restart) nothing.
 */
export function undoCancelAction(deps: ResolvedChatDeps, before: Job, after: Job, copies: readonly { before: Job; after: Job }[]): Action {
  const undo = undoStateAction(before, after);
  if (copies.length === 0) return undo;
  deps.memory.copiesUndone.set(
    `${after.id}.${stateVersion(after)}`,
    copies.map((c) => ({ id: c.after.id, version: stateVersion(c.after), status: c.before.status, nextRunAt: c.before.nextRunAt })),
  );
  return { ...undo, id: `${undo.id}.${WITH_COPIES}` };
}

export interface UndoResult {
  ok: boolean;
  text: string;
}

function refused(job: Job, why: string): UndoResult {
  return { ok: false, text: `Can't undo: ${why} Nothing was changed; /list shows reminder ${job.id} as it is now.` };
}

const CHANGED_SINCE = 'the reminder changed after this message (edited, snoozed, paused, or it ran), and undoing would overwrite that.';

/** Where a job restored to `status` with the next run `next` (possibly past) goes now. */
function restoredNextRun(job: Job, status: JobStatus, next: Date | null, now: Date): Date | null {
  if (status !== 'active' || !next || next.getTime() > now.getTime() || !isRecurring(job.schedule)) return next;
  // A recurring occurrence that passed in the meantime is not run late: its next one is.
  return nextFireWithin(job.schedule, job.timeZone, now, job.bounds, job.runCount);
}

function describeNow(job: Job, timeZone: string, now: Date): string {
  if (job.status === 'active' && job.nextRunAt) {
    const late = job.nextRunAt.getTime() <= now.getTime() ? ' (its time has passed: it runs now)' : '';
    return `next ${formatWhen(job.nextRunAt, timeZone, now)}${late}`;
  }
  return job.status;
}

/**
 * Reverts exactly what the message with this Undo did, if the job is still as that message
 * left it; otherwise refuses and changes nothing.
 */
export async function applyUndo(
  deps: ResolvedChatDeps,
  job: Job,
  verb: 'undo' | 'ue' | 'ur',
  args: string[],
  now: Date,
  timeZone: string,
): Promise<UndoResult> {
  const subject = truncate(jobSubject(job));
  if (verb === 'undo') {
    // Once it has reminded, removing it would erase that run from /history as if it never came.
    // Said first: a run changes the job too, and this is the more exact reason.
    const ranAt = job.lastRunAt ?? (job.status === 'completed' || job.status === 'failed' ? (job.completedAt ?? job.updatedAt) : null);
    if (ranAt) {
      const when = formatLocalTime(ranAt, timeZone, now);
      const future = isRecurring(job.schedule) && job.status !== 'completed' ? ` Use /cancel ${job.id} to stop future ones.` : '';
      return refused(job, `reminder ${job.id} already reminded you at ${when}.${future}`);
    }
    if (!unchangedSinceCreated(job, args[0]))
      return refused(
        job,
        `reminder ${job.id} was changed after this message (edited, snoozed, paused or cancelled); Undo would remove more than it set. /cancel ${job.id} removes it.`,
      );
    await deps.scheduler.deleteJob(job.id);
    return { ok: true, text: `↩️ Undone: reminder ${job.id} (${subject}) was removed.` };
  }
  const [version] = args;
  if (!version || stateVersion(job) !== version) return refused(job, CHANGED_SINCE);
  if (verb === 'ue') {
    const key = `${job.id}.${version}`;
    const before = deps.memory.editsUndone.get(key);
    if (!before) return refused(job, 'this Undo has expired (Chime keeps edits to undo for a day, and not across restarts).');
    const patch = { ...before, nextRunAt: restoredNextRun({ ...job, ...before }, before.status, before.nextRunAt, now) };
    // Forgotten only once it is applied: a refused write (the job runs right now) leaves the
    // Undo to press again; once applied, the job's version moves on and the Undo refuses anyway.
    const restored = await deps.scheduler.updateJob(job.id, patch);
    deps.memory.editsUndone.delete(key);
    return { ok: true, text: backAsItWas(restored, timeZone, now) };
  }
  const status = CODE_STATUS[args[1] ?? ''];
  const next = args[2] === 'n' ? null : readInstantArg(args[2]);
  if (!status || next === undefined) return { ok: false, text: 'That button is no longer valid.' };
  if (args[3] === WITH_COPIES) return undoWithCopies(deps, job, version, status, next, now, timeZone);
  const restored = await deps.scheduler.updateJob(job.id, statePatch(job, status, next, now));
  return { ok: true, text: backAsItWas(restored, timeZone, now) };
}

function statePatch(job: Job, status: JobStatus, next: Date | null, now: Date): JobPatch {
  const finished = status === 'completed' || status === 'cancelled' || status === 'failed';
  return { status, nextRunAt: restoredNextRun(job, status, next, now), completedAt: finished ? (job.completedAt ?? now) : null };
}

function backAsItWas(restored: Job, timeZone: string, now: Date): string {
  return `↩️ Undone: reminder ${restored.id} (${truncate(jobSubject(restored))}) is back as it was: ${describeNow(restored, timeZone, now)}.`;
}

/** The series and the snoozed copies its cancel ended, all back, once every one is checked unchanged. */
async function undoWithCopies(
  deps: ResolvedChatDeps,
  job: Job,
  version: string,
  status: JobStatus,
  next: Date | null,
  now: Date,
  timeZone: string,
): Promise<UndoResult> {
  const key = `${job.id}.${version}`;
  const cancelled = deps.memory.copiesUndone.get(key);
  if (!cancelled)
    return refused(job, 'this Undo has expired (Chime keeps cancelled snoozed copies to undo for a day, and not across restarts).');
  const copies: Job[] = [];
  for (const c of cancelled) {
    const copy = await deps.scheduler.getJob(c.id);
    if (!copy || stateVersion(copy) !== c.version)
      return refused(job, `its snoozed copy ${c.id} changed after this message, and undoing would overwrite that.`);
    copies.push(copy);
  }
  deps.memory.copiesUndone.delete(key);
  const restored = await deps.scheduler.updateJob(job.id, statePatch(job, status, next, now));
  const lines = [backAsItWas(restored, timeZone, now)];
  for (const [i, c] of cancelled.entries()) {
    const copy = await deps.scheduler.updateJob(c.id, statePatch(copies[i]!, c.status, c.nextRunAt, now));
    lines.push(`↩️ Its snoozed copy ${copy.id} is back too: ${describeNow(copy, timeZone, now)}.`);
  }
  return { ok: true, text: lines.join('\n') };
}
