import type { Job } from '../core/job.js';
import { firesMoreThanOnce, nextFires, type Schedule } from '../core/schedule.js';
import type { ParsedReminder } from '../nl/types.js';
import { versionedAction } from './action-ids.js';
import type { ResolvedChatDeps } from './command.js';
import type { ReminderPayload } from './describe.js';
import { jobSubject } from './describe.js';
import { formatSpan, formatWhen, truncate } from './format.js';
import type { ActionAnswer } from './message.js';
import { againWorkflow } from './snooze-apply.js';
import { pendingRun } from './snooze-rules.js';
import { undoCreateAction } from './undo.js';

/** How often a nag repeats when the person gives no interval ("Nag me" button, "at 5 until done"). */
export const DEFAULT_NAG_MS = 10 * 60_000;

/** "… until done" / "… till done": repeat until the Done button is pressed. */
const UNTIL_DONE = /\s*\b(?:until|till|til)\s+(?:it'?s\s+|i\s+press\s+|i'?m\s+)?done\b\s*/i;

/** The request without its "until done" (and whether it had one): "every 10 minutes until done to X" → "every 10 minutes to X". */
export function splitUntilDone(text: string): { text: string; nag: boolean } {
  const m = UNTIL_DONE.exec(text);
  if (!m) return { text, nag: false };
  return { text: `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.replace(/\s+/g, ' ').trim(), nag: true };
}

/** A job that repeats until Done: Done (or Stop) ends it. */
export function isNagging(job: Job): boolean {
  return job.kind === 'reminder' && (job.payload as ReminderPayload | undefined)?.nag === true && firesMoreThanOnce(job.schedule);
}

/**
 * A reading made a nag: a repetition the person asked for stays ("every 10 minutes until
 * done"); a single time becomes "from then on, every DEFAULT_NAG_MS" ("at 5pm until done").
 */
export function asNag(parsed: ParsedReminder, now: Date): ParsedReminder {
  if (parsed.schedule.kind !== 'once') return parsed;
  const schedule: Schedule = { kind: 'interval', everyMs: DEFAULT_NAG_MS, anchor: parsed.schedule.at };
  // Reaching back a moment keeps a start of "now" itself as the first fire.
  const next = nextFires(schedule, parsed.timeZone, new Date(Math.min(now.getTime(), parsed.schedule.at.getTime()) - 1), 4, parsed.bounds);
  return { ...parsed, kind: 'recurring', schedule, next };
}

/** The confirmation's line for a nag. */
export function nagLine(job: Job): string {
  const every = job.schedule.kind === 'interval' ? ` every ${formatSpan(job.schedule.everyMs)}` : '';
  return `🔔 It repeats${every} until you press Done.`;
}

/** Nags of one reminder share this workflow, so Done on the reminder ends them too. */
export function nagWorkflow(job: Job): string {
  return `nag-${job.id}`;
}

/** Ends the nags started from `job` (its "Nag me"); how many were running. */
export async function stopNags(deps: ResolvedChatDeps, job: Job): Promise<number> {
  return (await deps.scheduler.cancelWorkflow(nagWorkflow(job))).length;
}

/**
 * Interval of a nag of `job`: the default, or the group minimum for repeating reminders when
 * larger. The nag is delivered where the job is, so the job's chat decides, not the presser's.
 */
function nagInterval(deps: ResolvedChatDeps, job: Job): number {
  return job.origin.chatType === 'group' ? Math.max(DEFAULT_NAG_MS, deps.quotas.minGroupIntervalMs) : DEFAULT_NAG_MS;
}

/** The command that starts a nag about `job` as it is now: what a refused "Nag me" offers instead. */
export function nagOnPurpose(deps: ResolvedChatDeps, job: Job): string {
  return `/remind every ${formatSpan(nagInterval(deps, job))} until done ${jobSubject(job)} nags about it as it is now.`;
}

/** The nag running for `job` ("Nag me" pressed on one of its deliveries), if any. */
export async function runningNag(deps: ResolvedChatDeps, job: Job): Promise<Job | undefined> {
  const [running] = await deps.scheduler.listJobs({ workflowId: nagWorkflow(job), status: 'active' });
  return running;
}

/**
 * When a delivered `job` comes again, if it was set to: a one-off re-armed for later (a snooze, an
 * /edit), or the snoozed copy of a series' occurrence. A nag beside it would remind twice then.
 */
async function comesAgain(deps: ResolvedChatDeps, job: Job, now: Date): Promise<{ id: string; at: Date } | undefined> {
  if (!firesMoreThanOnce(job.schedule)) {
    const at = pendingRun(job, now);
    return at ? { id: job.id, at } : undefined;
  }
  const [copy] = await deps.scheduler.listJobs({ workflowId: againWorkflow(job), status: 'active' });
  return copy?.nextRunAt ? { id: copy.id, at: copy.nextRunAt } : undefined;
}

/** "Nag me" under a delivered reminder: it comes again every few minutes until Done. */
export async function startNag(deps: ResolvedChatDeps, job: Job, base: string, now: Date, timeZone: string): Promise<ActionAnswer> {
  if (job.kind !== 'reminder') return { toast: 'Only reminders can nag.' };
  if (isNagging(job)) return { toast: 'This one already nags until you press Done.' };
  const running = await runningNag(deps, job);
  if (running) return { toast: `Already nagging: next ${running.nextRunAt ? formatWhen(running.nextRunAt, timeZone, now) : 'soon'}.` };
  const again = await comesAgain(deps, job, now);
  if (again) {
    const when = formatWhen(again.at, timeZone, now);
    return { toast: `It comes again ${when} [${again.id}], so no nag was added. Press Nag me under it then.` };
  }
  const everyMs = nagInterval(deps, job);
  const nag = await deps.scheduler.createJob({
    kind: 'reminder',
    name: job.name,
    payload: { ...(job.payload as ReminderPayload), nag: true },
    owner: job.owner,
    origin: job.origin,
    // The first nag comes one interval from now: the reminder itself was just delivered.
    schedule: { kind: 'interval', everyMs, anchor: new Date(now.getTime() + everyMs) },
    timeZone: job.timeZone,
    workflowId: nagWorkflow(job),
  });
  const text = `${base}\n🔁 Nagging [${nag.id}] about ${truncate(jobSubject(job))} every ${formatSpan(everyMs)} until you press Done.`;
  return {
    toast: `Nagging every ${formatSpan(everyMs)}`,
    edit: { text, actions: [[versionedAction('done', job), undoCreateAction(nag)]] },
  };
}
