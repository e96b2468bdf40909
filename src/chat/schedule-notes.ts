/**
 * The lines a confirmation adds about how a schedule meets the calendar, so nothing is guessed
 * silently: a listed fire whose wall time did not exist (DST gap: run shifted forward) or
 * happens twice (DST overlap: which one was taken), and the parser's caveats ("every 31st"
 * skips months without one). Times here are in the schedule's zone, which the line names.
 */
import { toWallTime } from '../core/time/zoned.js';
import type { Job } from '../core/job.js';
import { nextFires } from '../core/schedule.js';
import type { ParsedReminder, WallNote } from '../nl/types.js';
import { NEXT_COUNT } from '../nl/parse.js';
import { scheduleWallNotes, wallNotes } from '../nl/wall-notes.js';
import { formatLocalDayAndClock, formatSpan } from './format.js';

/** "Chicago" for America/Chicago, "UTC" for UTC. */
function placeName(zone: string): string {
  return (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
}

function jump(minutes: number): string {
  return minutes === 60 ? 'an hour' : formatSpan(minutes * 60_000);
}

function wallLine(note: WallNote, zone: string, recurring: boolean): string {
  const { day, clock } = formatLocalDayAndClock(note.at, zone);
  // A repeat runs at its usual time on other days: the note is about that one day.
  const set = recurring ? 'that day it runs at' : 'set for';
  if (note.kind === 'gap') {
    return `⚠️ ${note.asked} does not exist on ${day} in ${placeName(zone)} (clocks go forward ${jump(note.minutes)}); ${set} ${clock}.`;
  }
  const side = note.which === 'first' ? 'before' : 'after';
  return `⚠️ ${clock} happens twice on ${day} in ${placeName(zone)} (clocks go back ${jump(note.minutes)}); ${set} the ${note.which} ${clock}, ${side} clocks go back.`;
}

/**
 * The notes for `parsed`. `only`: the instants the reply shows (a snooze takes one of them);
 * by default every listed fire's note.
 */
export function scheduleNotes(parsed: Pick<ParsedReminder, 'wallNotes' | 'caveats' | 'timeZone' | 'kind'>, only?: Date[]): string[] {
  const shown = only ? new Set(only.map((d) => d.getTime())) : undefined;
  const wall = (parsed.wallNotes ?? [])
    .filter((n) => !shown || shown.has(n.at.getTime()))
    .map((n) => wallLine(n, parsed.timeZone, parsed.kind === 'recurring'));
  return [...wall, ...(parsed.caveats ?? []).map((c) => `ℹ️ ${c}`)];
}

function sameWall(a: Date, aZone: string, b: Date, bZone: string): boolean {
  const x = toWallTime(a, aZone);
  const y = toWallTime(b, bZone);
  return x.year === y.year && x.month === y.month && x.day === y.day && x.hour === y.hour && x.minute === y.minute;
}

/**
 * A job moved to the same clock times in another zone (after /tz, or a zone button): the notes
 * a new reminder with that schedule gets there. A one-off: when its clock time does not exist
 * there or happens twice. A repeat: its next fires' notes and the next year's DST days it meets.
 * `heldRun`: a snoozed job's next run, a moment the person picked that the move keeps: a one-off
 * gets no note about the time it no longer fires at, a repeat's notes start after that run.
 */
export function movedNotes(before: Job, after: Job, now: Date, heldRun?: Date): string[] {
  const zone = after.timeZone;
  const tag = (line: string) => `${line} (reminder ${after.id})`;
  if (after.schedule.kind === 'once') {
    if (heldRun || before.schedule.kind !== 'once') return [];
    const at = after.schedule.at;
    const gap = !sameWall(before.schedule.at, before.timeZone, at, zone);
    return wallNotes(after.schedule, zone, [at], { gapShifted: new Set(gap ? [at.getTime()] : []) }).map((n) =>
      tag(wallLine(n, zone, false)),
    );
  }
  const from = heldRun ?? now;
  const next = nextFires(after.schedule, zone, from, NEXT_COUNT, after.bounds);
  return scheduleWallNotes(after.schedule, zone, next, { gapShifted: new Set(), now: from }, after.bounds).map((n) =>
    tag(wallLine(n, zone, true)),
  );
}
