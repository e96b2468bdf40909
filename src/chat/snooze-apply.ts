import type { Job } from '../core/job.js';
import { action, instantArg, versionedAction } from './action-ids.js';
import type { ResolvedChatDeps } from './command.js';
import { jobSubject } from './describe.js';
import { formatLocalTime, formatWhen, truncate } from './format.js';
import { stateVersion } from '../core/job-version.js';
import type { Action } from './message.js';
import type { SnoozePlan } from './snooze-rules.js';
import { undoCancelAction, undoCreateAction, undoStateAction } from './undo.js';

/** What a snooze did, in words, with the buttons that go with it (Undo, or the choice when asked). */
export interface SnoozeResult {
  ok: boolean;
  text: string;
  /** The line added under a pressed reminder (which already shows its text). */
  note: string;
  /** Short form for a button's toast. */
  short: string;
  actions: Action[][];
}

/** Re-fires of one series share this workflow, so a second snooze finds the first. */
export function againWorkflow(job: Job): string {
  return `again-${job.id}`;
}

/** The fired occurrence of a recurring job once more at `at`, as its own one-off; the series is untouched. */
async function refire(deps: ResolvedChatDeps, job: Job, at: Date, timeZone: string, now: Date): Promise<SnoozeResult> {
  const when = formatWhen(at, timeZone, now);
  const series =
    job.nextRunAt && job.status === 'active'
      ? ` [${job.id}] keeps its schedule: next ${formatLocalTime(job.nextRunAt, timeZone, now)}.`
      : '';
  const [earlier] = await deps.scheduler.listJobs({ workflowId: againWorkflow(job), status: 'active' });
  if (earlier?.nextRunAt) {
    if (earlier.nextRunAt.getTime() >= at.getTime()) {
      const set = formatWhen(earlier.nextRunAt, timeZone, now);
      const text = `It already comes again at ${set} [${earlier.id}], later than that.`;
      return { ok: false, text, note: text, short: `Already coming again at ${set}`, actions: [] };
    }
    const moved = await deps.scheduler.snoozeJob(earlier.id, at);
    return {
      ok: true,
      text: `💤 ${truncate(jobSubject(job))} comes again at ${when} [${earlier.id}].${series}`,
      note: `💤 Comes again at ${when} [${earlier.id}].${series}`,
      short: `Snoozed until ${when}`,
      actions: [[undoStateAction(earlier, moved)]],
    };
  }
  const again = await deps.scheduler.createJob({
    kind: job.kind,
    name: job.name,
    payload: job.payload,
    owner: job.owner,
    origin: job.origin,
    schedule: { kind: 'once', at },
    timeZone: job.timeZone,
    workflowId: againWorkflow(job),
  });
  return {
    ok: true,
    text: `💤 ${truncate(jobSubject(job))} comes again at ${when} [${again.id}].${series}`,
    note: `💤 Comes again at ${when} [${again.id}].${series}`,
    short: `Snoozed until ${when}`,
    actions: [[undoCreateAction(again)]],
  };
}

/** A series ended on purpose (Stop, /cancel), with the snoozed copies of its occurrences. */
export interface SeriesEnded {
  /** The series as cancelled; absent when it had already ended (only its copies were). */
  cancelled?: Job;
  copies: { before: Job; after: Job }[];
  /** Puts back the series and every copy together; absent when the series had already ended. */
  undo?: Action;
}

/**
 * Ending a series ends the snoozed copies of its occurrences too: a copy would still remind
 * after the person said stop. The one place Stop and /cancel both end a series.
 */
export async function cancelWithSnoozedCopies(deps: ResolvedChatDeps, job: Job): Promise<SeriesEnded> {
  const pending = await deps.scheduler.listJobs({ workflowId: againWorkflow(job), status: 'active' });
  const copies = await Promise.all(pending.map(async (before) => ({ before, after: await deps.scheduler.cancelJob(before.id) })));
  if (job.status !== 'active' && job.status !== 'paused') return { copies };
  const cancelled = await deps.scheduler.cancelJob(job.id);
  return { cancelled, copies, undo: undoCancelAction(deps, job, cancelled, copies) };
}

/** The words for the copies a series' end took with it, with their count; '' when none. */
export function copiesEndedNote(copies: readonly { after: Job }[]): string {
  if (copies.length === 0) return '';
  const ids = copies.map((c) => `[${c.after.id}]`).join(', ');
  return copies.length === 1
    ? ` Its 1 snoozed copy (${ids}) won't come either.`
    : ` Its ${copies.length} snoozed copies (${ids}) won't come either.`;
}

/** Carries out a snooze plan; a refusal changes nothing and says why. */
export async function applySnoozePlan(
  deps: ResolvedChatDeps,
  job: Job,
  plan: SnoozePlan,
  timeZone: string,
  now: Date,
): Promise<SnoozeResult> {
  switch (plan.kind) {
    case 'refuse':
      return { ok: false, text: plan.reason, note: plan.reason, short: plan.reason, actions: [] };
    case 'refire':
      return refire(deps, job, plan.at, timeZone, now);
    case 'move': {
      const moved = await deps.scheduler.snoozeJob(job.id, plan.at);
      const when = formatWhen(plan.at, timeZone, now);
      const was = plan.from ? ` (was due ${formatLocalTime(plan.from, timeZone, now)})` : '';
      return {
        ok: true,
        text: `💤 Snoozed [${job.id}] ${truncate(jobSubject(job))} until ${when}${was}`,
        note: `💤 Snoozed until ${when}${was}`,
        short: `Snoozed until ${when}`,
        actions: [[undoStateAction(job, moved)]],
      };
    }
    case 'ask': {
      const fired = job.lastRunAt ? ` fired at ${formatLocalTime(job.lastRunAt, timeZone, now)} and` : '';
      const again = formatLocalTime(plan.refireAt, timeZone, now);
      const from = formatLocalTime(plan.pending, timeZone, now);
      const to = formatLocalTime(plan.moveTo, timeZone, now);
      return {
        ok: true,
        text: `Reminder [${job.id}] ${truncate(jobSubject(job))}${fired} comes next at ${from}. Which one should wait?`,
        note: `It${fired} comes next at ${from}. Which one should wait?`,
        short: 'Which one should wait?',
        actions: [
          [versionedAction('rf', job, [instantArg(plan.refireAt)], `The one that fired: again at ${again}`)],
          [action('mv', job.id, [stateVersion(job), instantArg(plan.moveTo)], `The next one: ${from} → ${to}`)],
        ],
      };
    }
  }
}
