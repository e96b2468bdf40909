/**
 * "next friday" said on a Thursday: tomorrow, or the Friday of next week? People say it both
 * ways, and a reminder a week off is lost. When the first such day after today falls in this
 * week (weeks from Monday), the two readings differ, and Chime asks; from that day on ("next
 * monday" on a Thursday) there is one reading. British "friday next" is asked the same way. "this friday" and "friday next week" each read
 * one way (README: weekday names).
 */
import { addCalendar, type WallTime } from '../core/time/civil.js';
import { toWallTime } from '../core/time/zoned.js';
import { dayName } from './calendar.js';
import { correctedRequest } from './corrected-request.js';
import { reject } from './rejection.js';
import type { Normalized } from './shorthand.js';
import type { ParseRejection } from './types.js';

const DAY_WORDS = 'sun(?:day)?|mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?|sat(?:urday)?';
const NEXT_DAY_RE = new RegExp(
  `\\bnext\\s+(${DAY_WORDS})\\b(?!\\s+week)|\\b(${DAY_WORDS})\\s+next\\b(?!\\s+(?:week|month|year|time|to|door)\\b)`,
  'i',
);
const FIRST_THREE = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const FULL_DAY = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/**
 * The question for a "next <weekday>" read as the reminder's day (`isTimeWords` says whether
 * the words at a span were read as time, not kept as the task's text), or undefined.
 */
export function nextWeekdayQuestion(
  input: string,
  norm: Normalized,
  now: Date,
  zone: string,
  isTimeWords: (start: number, end: number) => boolean,
): ParseRejection | undefined {
  const m = NEXT_DAY_RE.exec(norm.text);
  if (!m || !isTimeWords(m.index, m.index + m[0].length)) return undefined;
  const target = FIRST_THREE.indexOf((m[1] ?? m[2]!).slice(0, 3).toLowerCase());
  const today = toWallTime(now, zone);
  const ahead = (target - today.weekday + 7) % 7 || 7;
  // Monday = 1 … Sunday = 7: the first such day is in this week when it comes by Sunday.
  if ((today.weekday === 0 ? 7 : today.weekday) + ahead > 7) return undefined;
  const soon = addCalendar(today, 'day', ahead);
  const later = addCalendar(today, 'day', ahead + 7);
  const day = FULL_DAY[target]!;
  return reject(
    `"${m[0]}" can mean ${dayWords(soon)} (this week) or ${dayWords(later)} (next week). Say "this ${day}" for the first, "${day} next week" for the second.`,
    correctedRequest(input, norm, [[m.index, m.index + m[0].length]], `${day} next week`),
  );
}

function dayWords(d: WallTime): string {
  return dayName({ y: d.year, m: d.month, d: d.day });
}
