/**
 * "remind me at 3 to pick up the kids" sent at 17:03: an hour without am/pm is placed at the
 * sooner of its two readings, here 03:00. When that lands in the night (23:00-06:59) the
 * confirmation asks "3 AM, or did you mean 3 PM?" with a button to switch.
 *
 * The reminder is scheduled at the night reading at once and stays there unless the person
 * switches: a reminder must never be lost because a button was not pressed, and the sooner
 * reading is the safe one to keep, since it fires no later than either time they meant (at
 * worst early, never late).
 */
import type { Job } from '../core/job.js';
import { fromWallTime, toWallTime } from '../core/time/zoned.js';
import type { ParsedReminder } from '../nl/types.js';
import { canChange, canSee, mayAnswerFor, onlyTheAsker } from './access.js';
import type { ResolvedChatDeps } from './command.js';
import { confirmation, readerZoneOf } from './confirmation.js';
import type { Action, ActionAnswer, IncomingAction } from './message.js';
import { resolvePrefs } from './prefs.js';
import { zoneButton } from './zone-action-ids.js';
import { undoEditAction } from './undo.js';
import { stateVersion } from '../core/job-version.js';
import { changedSinceAsked } from './zone-action-ids.js';

/** Night hours in which a bare hour's reading is confirmed: 23:00 to 06:59. */
function isNightHour(hour: number): boolean {
  return hour >= 23 || hour < 7;
}

/** The other reading of a one-off at a night hour: the same clock time 12 hours later. */
function otherHalf(job: Job): Date | undefined {
  if (job.schedule.kind !== 'once') return undefined;
  const wall = toWallTime(job.schedule.at, job.timeZone);
  if (!isNightHour(wall.hour)) return undefined;
  return fromWallTime({ ...wall, hour: wall.hour + 12 }, job.timeZone);
}

/** "3 AM (03:00)" for a wall time. */
function twelveHour(hour: number, minute: number): string {
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  const mm = String(minute).padStart(2, '0');
  const face = minute === 0 ? `${h12}` : `${h12}:${mm}`;
  const name = hour === 0 && minute === 0 ? 'midnight' : hour === 12 && minute === 0 ? 'noon' : `${face} ${hour < 12 ? 'AM' : 'PM'}`;
  return `${name} (${String(hour).padStart(2, '0')}:${mm})`;
}

/** The question and its buttons when a new reminder's bare hour was read as a night hour. */
export function nightHourQuestion(job: Job, parsed: ParsedReminder): { line: string; buttons: Action[] } | undefined {
  if (!parsed.meridiemGuessed) return undefined;
  const shifted = gapAsked(job, parsed);
  if (shifted) return shifted;
  const other = otherHalf(job);
  if (!other || job.schedule.kind !== 'once') return undefined;
  const read = toWallTime(job.schedule.at, job.timeZone);
  const alt = toWallTime(other, job.timeZone);
  const readText = twelveHour(read.hour, read.minute);
  const altText = twelveHour(alt.hour, alt.minute);
  const buttons = [
    zoneButton({ verb: 'half', jobId: job.id, version: stateVersion(job) }, `${altText.split(' (')[0]} instead`),
    zoneButton({ verb: 'halfok', jobId: job.id }, `${readText.split(' (')[0]} is right`),
  ].filter((b): b is Action => b !== undefined);
  return {
    line: `🌙 That is ${readText}, at night. Or did you mean ${altText}? It stays at ${readText.split(' (')[0]} unless you switch.`,
    buttons,
  };
}

/**
 * "at 2:30" sent at 01:00 on a spring-forward morning: 02:30 does not exist, so the reminder
 * runs at 03:30 (the confirmation says so). The other reading is 14:30, which the switch button
 * (it knows only the job, now at 03:30) would get wrong as 15:30: the question names the
 * command instead.
 */
function gapAsked(job: Job, parsed: ParsedReminder): { line: string; buttons: Action[] } | undefined {
  if (job.schedule.kind !== 'once') return undefined;
  const at = job.schedule.at.getTime();
  const note = parsed.wallNotes?.find((n) => n.kind === 'gap' && n.at.getTime() === at);
  if (note?.kind !== 'gap') return undefined;
  const [hour = 0, minute = 0] = note.asked.split(':').map(Number);
  if (!isNightHour(hour)) return undefined;
  const readText = twelveHour(hour, minute);
  const altText = twelveHour(hour + 12, minute);
  const alt = altText.split(' (')[0]!.replace(' PM', 'pm');
  return {
    line: `🌙 ${readText.split(' (')[0]} is at night. Or did you mean ${altText}? Then send /edit ${job.id} today at ${alt}.`,
    buttons: [],
  };
}

/** "… instead": moves the one-off to the other half of the day, with an Undo of that change. */
export async function switchToOtherHalf(
  deps: ResolvedChatDeps,
  press: IncomingAction,
  jobId: string,
  version: string | undefined,
  now: Date,
): Promise<ActionAnswer> {
  const job = await deps.scheduler.getJob(jobId);
  if (!job || !canSee(job, press)) return { toast: `No reminder with id "${jobId}".` };
  if (!canChange(job, press)) return { toast: 'Only the owner or a chat admin can do that.' };
  if (!mayAnswerFor(job, press)) return onlyTheAsker(job);
  if (job.status !== 'active') return { toast: `Reminder ${job.id} is ${job.status}.` };
  // Snoozed or edited to another night hour since: the switch would undo that change.
  if (version !== undefined && stateVersion(job) !== version) return changedSinceAsked(job);
  const other = otherHalf(job);
  // Edited since (no longer a night hour): the button no longer says what it would do.
  if (!other) return { toast: `Reminder ${job.id} was changed since; see /list.` };
  if (other.getTime() <= now.getTime()) return { toast: 'That time has already passed.' };
  const updated = await deps.scheduler.updateJob(job.id, { schedule: { kind: 'once', at: other } });
  const reader = readerZoneOf(await resolvePrefs(deps, press), press.chatType);
  return { toast: 'Changed', edit: confirmation(updated, [other], reader, now, 'Reminder changed', undoEditAction(deps, job, updated)) };
}

/** "… is right": nothing to change. */
export function keepNightHour(): ActionAnswer {
  return { toast: 'OK, it stays at that time.' };
}
