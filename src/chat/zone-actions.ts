/**
 * Presses of the time zone buttons: pick a zone, "type a city", keep clock times or moments
 * after a zone change, move one reminder to another meaning of its zone abbreviation, and
 * the other half of the day for a bare hour read at night.
 * Each acts only for the person it was offered to (their own zone, their own reminders).
 */
import { rezoneKeepingWallTime } from '../core/schedule-rezone.js';
import type { Job } from '../core/job.js';
import { canChange, canSee, mayAnswerFor, onlyTheAsker } from './access.js';
import { keepNightHour, switchToOtherHalf } from './bare-hour.js';
import type { ResolvedChatDeps } from './command.js';
import { jobSubject } from './describe.js';
import { formatWhen, truncate } from './format.js';
import type { ActionAnswer, IncomingAction } from './message.js';
import { resolvePrefs } from './prefs.js';
import { stateVersion } from '../core/job-version.js';
import { readInstantArg } from './action-ids.js';
import { changedSinceAsked, parseZoneActionId, type ZoneAction, zoneButton } from './zone-action-ids.js';
import { setUserZone } from './zone-change.js';
import { keepClockTimes } from './zone-move.js';
import { movedNotes } from './schedule-notes.js';
import { TYPE_A_CITY } from './zone-prompt.js';
import { lookupZone } from './zones.js';

function nextLine(job: Job, now: Date): string {
  const at = job.nextRunAt ? `: ${formatWhen(job.nextRunAt, job.timeZone, now)}` : '';
  return `• [${job.id}] ${truncate(jobSubject(job), 40)}${at}`;
}

async function pickZone(deps: ResolvedChatDeps, press: IncomingAction, zone: string, now: Date): Promise<ActionAnswer> {
  const found = lookupZone(zone);
  if (found.kind !== 'zone') return { toast: 'That button is no longer valid.' };
  const replies = await setUserZone(deps, press, found.zone, now);
  return { toast: `Time zone: ${found.zone}`, replies };
}

async function afterZoneChange(
  deps: ResolvedChatDeps,
  press: IncomingAction,
  a: Extract<ZoneAction, { verb: 'zwall' | 'zkeep' }>,
  now: Date,
): Promise<ActionAnswer> {
  if (press.userId !== a.userId) return { toast: 'Only the person who changed their time zone can choose this.' };
  if (a.verb === 'zkeep') {
    return {
      toast: 'Nothing changed',
      edit: { text: `✓ Kept: those reminders stay at the same moments (they follow ${a.fromZone} time).` },
    };
  }
  const { timeZone } = await resolvePrefs(deps, press);
  const offeredAt = a.verb === 'zwall' && a.offeredAt !== undefined ? readInstantArg(a.offeredAt) : undefined;
  const { moved, passed, notes, busy } = await keepClockTimes(deps, press, a.fromZone, timeZone, now, offeredAt);
  if (moved.length === 0 && passed.length === 0 && busy.length === 0)
    return { toast: 'Nothing to move', edit: { text: `✓ Nothing to move: no reminder of yours reads another time in ${timeZone}.` } };
  const lines = [`✓ Kept their clock times, now in ${timeZone}:`, ...moved.map((j) => nextLine(j, now)), ...notes];
  if (passed.length) {
    lines.push(`Already past in ${timeZone}, so left at their moment:`, ...passed.map((j) => nextLine(j, now)));
  }
  if (busy.length) {
    lines.push(
      `Running right now, so not moved yet (press "Keep clock times" again when it has finished):`,
      ...busy.map((j) => nextLine(j, now)),
    );
  }
  // The button stays while a job waits for its run to end: a second press moves what is left.
  const again = busy.length ? zoneButton({ ...a, verb: 'zwall' }, 'Keep clock times') : undefined;
  return { toast: `Moved ${moved.length}`, edit: { text: lines.join('\n'), ...(again ? { actions: [[again]] } : {}) } };
}

async function moveJobToZone(
  deps: ResolvedChatDeps,
  press: IncomingAction,
  a: Extract<ZoneAction, { verb: 'zjob' }>,
  now: Date,
): Promise<ActionAnswer> {
  const { jobId, zone } = a;
  const job = await deps.scheduler.getJob(jobId);
  if (!job || !canSee(job, press)) return { toast: `No reminder with id "${jobId}".` };
  if (!canChange(job, press)) return { toast: 'Only the owner or a chat admin can do that.' };
  if (!mayAnswerFor(job, press)) return onlyTheAsker(job);
  if (job.status !== 'active' && job.status !== 'paused') return { toast: `Reminder ${job.id} is ${job.status}.` };
  if (job.timeZone === zone) return { toast: `It already follows ${zone} time.` };
  // Edited or snoozed since: moving it would recompute its time from the schedule and lose that.
  if (a.version !== undefined && stateVersion(job) !== a.version) return changedSinceAsked(job);
  const { schedule, bounds } = rezoneKeepingWallTime(job.schedule, job.bounds, job.timeZone, zone);
  if (schedule.kind === 'once' && schedule.at.getTime() <= now.getTime()) {
    return {
      toast: 'That time has already passed there',
      replies: [
        { text: `⚠️ That clock time has already passed in ${zone}; reminder ${job.id} is unchanged. Send /edit ${job.id} with a new time.` },
      ],
    };
  }
  const updated = await deps.scheduler.updateJob(job.id, { schedule, bounds, timeZone: zone });
  const notes = movedNotes(job, updated, now);
  const text = [`🌍 Reminder ${job.id} now follows ${zone} time.`, nextLine(updated, now), ...notes].join('\n');
  return { toast: `Now ${zone} time`, replies: [{ text }] };
}

/**
 * Answers a zone button, or returns undefined when `press` is not one (the job buttons of
 * actions.ts then take it).
 */
export async function handleZonePress(deps: ResolvedChatDeps, press: IncomingAction, now: Date): Promise<ActionAnswer | undefined> {
  const a = parseZoneActionId(press.actionId);
  if (!a) return undefined;
  switch (a.verb) {
    case 'tz':
      return pickZone(deps, press, a.zone, now);
    case 'tzcity':
      return { toast: 'Send /tz and your city', replies: [{ text: TYPE_A_CITY }] };
    case 'zwall':
    case 'zkeep':
      return afterZoneChange(deps, press, a, now);
    case 'zjob':
      return moveJobToZone(deps, press, a, now);
    case 'half':
      return switchToOtherHalf(deps, press, a.jobId, a.version, now);
    case 'halfok':
      return keepNightHour();
  }
}
