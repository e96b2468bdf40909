/**
 * The lines a confirmation adds about how a schedule meets the calendar, so nothing is guessed
 * silently: a listed fire whose wall time did not exist (DST gap: run shifted forward) or
 * happens twice (DST overlap: which one was taken), and the parser's caveats ("every 31st"
 * skips months without one). Times here are in the schedule's zone, which the line names.
 */
import { toWallTime } from '../core/time/zoned.js';
import type { Job } from '../core/job.js';
import type { ParsedReminder, WallNote } from '../nl/types.js';
import { wallNotes } from '../nl/wall-notes.js';
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
 * A one-off moved to the same clock time in another zone (after /tz, or a zone button): the
 * note when that clock time does not exist there or happens twice, as a new reminder gets.
 */
export function movedNote(before: Job, after: Job): string | undefined {
  if (before.schedule.kind !== 'once' || after.schedule.kind !== 'once') return undefined;
  const at = after.schedule.at;
  const gap = !sameWall(before.schedule.at, before.timeZone, at, after.timeZone);
  const [note] = wallNotes(after.schedule, after.timeZone, [at], { gapShifted: new Set(gap ? [at.getTime()] : []) });
  return note ? `${wallLine(note, after.timeZone, false)} (reminder ${after.id})` : undefined;
}
