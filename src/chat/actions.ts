import { firesMoreThanOnce } from '../core/schedule.js';
import { toWallTime } from '../core/time/zoned.js';
import { LATE_NIGHT_UNTIL } from '../nl/caveats.js';
import type { Job } from '../core/job.js';
import type { ResolvedChatDeps } from './command.js';
import { parseActionId, readInstantArg } from './action-ids.js';
import type { ActionVerb } from './action-ids.js';
import { canChange, canSee, isOwner } from './access.js';
import { reminderBody } from './delivery-format.js';
import { formatWhen } from './format.js';
import { definitionVersion, stateVersion } from '../core/job-version.js';
import type { ActionAnswer, IncomingAction } from './message.js';
import { isNagging, nagOnPurpose, runningNag, startNag, stopNags } from './nag.js';
import { answerPendingCreation } from './pending-creation.js';
import { applySnoozePlan, cancelWithSnoozedCopies, copiesEndedNote } from './snooze-apply.js';
import type { SnoozeResult } from './snooze-apply.js';
import { planFiredSnooze } from './snooze-rules.js';
import { applyUndo, undoStateAction } from './undo.js';

const SNOOZE_MS: Partial<Record<ActionVerb, number>> = { s10: 10 * 60_000, s60: 60 * 60_000 };

/**
 * Whose time a press on `job` is read and answered in: in a group, the reminder's owner's,
 * whoever presses (a chat admin's "Tomorrow" is the owner's morning, and the pressed message
 * that the owner reads shows their times); elsewhere the presser's.
 */
function readerOf(job: Job, press: IncomingAction): IncomingAction {
  if (press.chatType !== 'group' || isOwner(job, press) || job.owner.platform !== press.platform) return press;
  return { ...press, userId: job.owner.userId };
}

/**
 * "Tomorrow" means 09:00 tomorrow in the zone of the one it reminds (readerOf), the parser's reading of
 * "tomorrow" (a date without a time is 09:00). Same-wall-time-tomorrow was rejected: a
 * reminder that fired at 23:00 would come back at 23:00, rarely what "Tomorrow" means.
 * Pressed in the small hours (before LATE_NIGHT_UNTIL), it is the coming morning: a reminder
 * from 23:55 put off at 00:10 means that morning, and the next day's would skip a whole day.
 * A button cannot ask, as the parser's caveat does; the answer names the day.
 */
async function tomorrowMorning(deps: ResolvedChatDeps, now: Date, timeZone: string): Promise<Date> {
  const day = toWallTime(now, timeZone).hour < LATE_NIGHT_UNTIL ? 'today' : 'tomorrow';
  const parsed = await deps.parse(`${day} at 9am`, { now, timeZone });
  const at = parsed.ok ? parsed.next[0] : undefined;
  return at ?? new Date(now.getTime() + 24 * 3600_000);
}

function live(job: Job): boolean {
  return job.status === 'active' || job.status === 'paused';
}

/** A snooze's answer: the pressed message says what happened and offers its Undo; a refusal only tells. */
function snoozeAnswer(base: string, result: SnoozeResult): ActionAnswer {
  if (!result.ok) return { toast: result.short };
  return { toast: result.short, edit: { text: `${base}\n${result.note}`, actions: result.actions } };
}

/** A press on one job, checked: the presser may see and change it. */
interface JobPress {
  deps: ResolvedChatDeps;
  press: IncomingAction;
  job: Job;
  /** The text the pressed message shows, which the answer's edit extends. */
  base: string;
  args: string[];
  now: Date;
  timeZone: string;
}

const invalid = (): ActionAnswer => ({ toast: 'That button is no longer valid.' });
const passed = (): ActionAnswer => ({ toast: 'That time has passed; snooze again.' });

/** Snooze 10 min, 1 hour or until tomorrow morning, after the reminder fired. */
async function pressSnooze(p: JobPress, verb: 's10' | 's60' | 'tm'): Promise<ActionAnswer> {
  const edited = editedSince(p, 0, SNOOZE_AGAIN);
  if (edited) return edited;
  const nagging = await nagInstead(p);
  if (nagging) return nagging;
  const at = verb === 'tm' ? await tomorrowMorning(p.deps, p.now, p.timeZone) : new Date(p.now.getTime() + (SNOOZE_MS[verb] ?? 0));
  return snoozeAnswer(p.base, await applySnoozePlan(p.deps, p.job, planFiredSnooze(p.job, at, p.now, p.timeZone), p.timeZone, p.now));
}

/**
 * A snooze of a delivery whose "Nag me" was pressed: the nag already reminds every few minutes,
 * and the snooze would add a second reminder beside it (both at the same minute for "Snooze 10
 * min"). Reached by a double press before the keyboard changed, or an old number on the console.
 */
async function nagInstead(p: JobPress): Promise<ActionAnswer | undefined> {
  const nag = await runningNag(p.deps, p.job);
  if (!nag) return undefined;
  const next = nag.nextRunAt ? `: next ${formatWhen(nag.nextRunAt, p.timeZone, p.now)}` : '';
  return { toast: `Already nagging about it [${nag.id}]${next}; nothing was snoozed. Press Done to stop.` };
}

/** Snooze to the instant the button carries (a snooze offered with a time). */
async function pressSnoozeUntil(p: JobPress): Promise<ActionAnswer> {
  const at = readInstantArg(p.args[0]);
  if (!at) return invalid();
  const edited = editedSince(p, 1, SNOOZE_AGAIN);
  if (edited) return edited;
  const nagging = await nagInstead(p);
  if (nagging) return nagging;
  if (at.getTime() <= p.now.getTime()) return passed();
  return snoozeAnswer(p.base, await applySnoozePlan(p.deps, p.job, planFiredSnooze(p.job, at, p.now, p.timeZone), p.timeZone, p.now));
}

/** Move the next run to the button's instant, if the job is still the version the button was made for. */
async function pressMove(p: JobPress): Promise<ActionAnswer> {
  const { job } = p;
  const at = readInstantArg(p.args[1]);
  if (!at) return invalid();
  if (stateVersion(job) !== p.args[0]) return { toast: `Reminder ${job.id} changed since; nothing was moved. Snooze it again.` };
  if (at.getTime() <= p.now.getTime()) return passed();
  return snoozeAnswer(p.base, await applySnoozePlan(p.deps, job, { kind: 'move', at, from: job.nextRunAt }, p.timeZone, p.now));
}

/**
 * Done finishes a one-off still pending (snoozed, or pressed early) and any nag; a recurring
 * job keeps its schedule: Done acknowledges this occurrence only.
 */
async function pressDone(p: JobPress): Promise<ActionAnswer> {
  const { deps, job, base, now, timeZone } = p;
  const ends = live(job) && (!firesMoreThanOnce(job.schedule) || isNagging(job));
  const edited = ends ? editedSince(p, 0, CANCEL_INSTEAD) : undefined;
  if (edited) return edited;
  const nags = await stopNags(deps, job);
  const stopped = nags > 0 || isNagging(job) ? ' No more nagging.' : '';
  if (ends) {
    const cancelled = await deps.scheduler.cancelJob(job.id);
    // Undo brings back exactly what Done ended; with nags of other jobs ended too it could not.
    const undo = nags === 0 ? { actions: [[undoStateAction(job, cancelled)]] } : {};
    return { toast: 'Done ✓', edit: { text: `${base}\n✓ Done.${stopped}${pendingCancelled(job, now, timeZone)}`, ...undo } };
  }
  return { toast: 'Done ✓', edit: { text: `${base}\n✓ Done.${stopped}` } };
}

/**
 * What Done also ended, said aloud: a one-off pressed Done on before its time (run early from
 * the dashboard, or snoozed) will not come at the time the user may still expect it.
 */
function pendingCancelled(job: Job, now: Date, timeZone: string): string {
  if (isNagging(job) || !job.nextRunAt || job.nextRunAt.getTime() <= now.getTime()) return '';
  return ` It won't come ${formatWhen(job.nextRunAt, timeZone, now)} either.`;
}

/**
 * The refusal of a button that would end or move a job edited after its message was delivered:
 * the message shows what the job was, and acting on what it became is not what was pressed
 * (a Snooze would push back a reminder edited to come sooner). Buttons carry the definition
 * they were shown with at `versionAt`, after their own arguments (versionedAction); older ones
 * carry none and act as before. `instead` says how to do it on purpose.
 */
function editedSince({ job, args }: JobPress, versionAt: number, instead: (id: string) => string): ActionAnswer | undefined {
  const shown = args[versionAt];
  if (shown === undefined || shown === definitionVersion(job)) return undefined;
  return { toast: `Reminder ${job.id} was changed after this message; nothing was done. ${instead(job.id)}` };
}

/**
 * "Nag me" copies the reminder into a nag: pressed on a delivery made before an edit, the copy
 * would nag about what the reminder became (a new text, a new time) beside the edited one.
 */
async function pressNag(p: JobPress): Promise<ActionAnswer> {
  const edited = editedSince(p, 0, () => nagOnPurpose(p.deps, p.job));
  if (edited) return edited;
  // A delivered reminder was live when it came: cancelled since (/cancel, Stop, Done), a nag
  // would bring back what the person ended. A fired one-off is completed, and nags as before.
  if (p.job.status === 'cancelled')
    return { toast: `Reminder ${p.job.id} was cancelled after this message; nothing was done. ${nagOnPurpose(p.deps, p.job)}` };
  return startNag(p.deps, p.job, p.base, p.now, p.timeZone);
}

const CANCEL_INSTEAD = (id: string): string => `/cancel ${id} ends it as it is now.`;
const SNOOZE_AGAIN = (id: string): string => `/snooze ${id} 30m snoozes it as it is now.`;

/** Stop a series for good, with the snoozed copies it left. */
async function pressStop(p: JobPress): Promise<ActionAnswer> {
  const { deps, job, base } = p;
  const edited = live(job) ? editedSince(p, 0, CANCEL_INSTEAD) : undefined;
  if (edited) return edited;
  const ended = await cancelWithSnoozedCopies(deps, job);
  const stopped = `${base}\n⏹ Stopped, it won't repeat.${copiesEndedNote(ended.copies)}`;
  if (!ended.undo) return { toast: `Reminder ${job.id} is ${job.status}.`, edit: { text: stopped } };
  return { toast: 'Stopped', edit: { text: stopped, actions: [[ended.undo]] } };
}

async function pressUndo(p: JobPress, verb: 'undo' | 'ue' | 'ur'): Promise<ActionAnswer> {
  const result = await applyUndo(p.deps, p.job, verb, p.args, p.now, p.timeZone);
  return result.ok ? { toast: 'Undone', edit: { text: result.text } } : { toast: result.text };
}

function pressEdit({ job }: JobPress): ActionAnswer {
  return {
    toast: `Send /edit ${job.id} …`,
    replies: [{ text: `To change it, send /edit ${job.id} <new time or text>, e.g. /edit ${job.id} tomorrow at 10` }],
  };
}

/**
 * Acts on a button press. Only the owner or a chat admin may press; anyone else gets a toast
 * and nothing changes. Jobs the presser may not see answer like missing ones. Every button
 * that changes a job offers the Undo for exactly that change.
 */
export async function handleActionPress(
  deps: ResolvedChatDeps,
  press: IncomingAction,
  now: Date,
  zoneOf: (press: IncomingAction) => Promise<string>,
): Promise<ActionAnswer> {
  const parsed = parseActionId(press.actionId);
  if (!parsed) return invalid();
  const { verb, jobId, args } = parsed;
  if (verb === 'add' || verb === 'drop') return answerPendingCreation(deps, press, verb, jobId, now);
  const job = await deps.scheduler.getJob(jobId);
  if (!job || !canSee(job, press)) return { toast: `No reminder with id "${jobId}".` };
  if (!canChange(job, press)) return { toast: 'Only the owner or a chat admin can do that.' };
  const p: JobPress = {
    deps,
    press,
    job,
    base: press.messageText ?? reminderBody(job),
    args,
    now,
    timeZone: await zoneOf(readerOf(job, press)),
  };
  switch (verb) {
    case 's10':
    case 's60':
    case 'tm':
      return pressSnooze(p, verb);
    case 'rf':
      return pressSnoozeUntil(p);
    case 'mv':
      return pressMove(p);
    case 'done':
      return pressDone(p);
    case 'stop':
      return pressStop(p);
    case 'undo':
    case 'ue':
    case 'ur':
      return pressUndo(p, verb);
    case 'nag':
      return pressNag(p);
    case 'edit':
      return pressEdit(p);
  }
}
