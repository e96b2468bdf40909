/**
 * The questions asked about a deadline or an event's day in the task (occasion-dates.ts), each
 * with requests that work: the person's own words, with only the missing time added or the
 * day moved to where it says what it means.
 */
import type { Piece, TimeOfDay } from './pieces.js';
import { originalSpan, type Normalized } from './shorthand.js';
import { reject } from './rejection.js';
import { GLUE, PREFIX } from './text.js';
import type { ParseRejection } from './types.js';

/** Pieces of the task's own time phrase, and where its words are in the normalised text. */
export interface OccasionSpan {
  pieces: Piece[];
  start: number;
  end: number;
  /** An event's: where its day's words begin, after the noun and what it is with or about. */
  dayStart?: number;
}

/** "3pm", "3:30pm", or a bare "6" when the deadline's hour was bare: two hours before `t`. */
function twoHoursBefore(t: TimeOfDay): string {
  const mi = t.mi ? `:${String(t.mi).padStart(2, '0')}` : '';
  if (t.bare) return `${((t.h + 9) % 12) + 1}${mi}`;
  const h = (t.h + 22) % 24;
  return `${h % 12 === 0 ? 12 : h % 12}${mi}${h < 12 ? 'am' : 'pm'}`;
}

/** The request's opening words ("remind me", "/remind"), without the "to" that starts the task. */
function headEnd(input: string): number {
  const m = PREFIX.exec(input);
  if (!m) return 0;
  return m[0].replace(/(?:\b(?:to|that|about|of|for|re)\b\s*)?$/i, '').trimEnd().length;
}

/** `words` put into `input` at `at` (original coordinates), spaced. */
function insertAt(input: string, at: number, words: string): string {
  return `${input.slice(0, at).trimEnd()} ${words} ${input.slice(at).trimStart()}`.trim();
}

/**
 * Where the missing time goes: after the last time phrase that comes before the task ("remind
 * me every friday| to …"), else after "remind me" (or at the start).
 */
function whereTimeGoes(input: string, norm: Normalized, others: Piece[]): number {
  let at = headEnd(input);
  for (const p of others) {
    const [from, to] = originalSpan(norm, p.start, p.end);
    if (from < at) continue;
    const between = input.slice(at, from).replace(/^\s*(?:to|that|about)\b/i, '');
    if (!GLUE.test(between)) break;
    at = to;
  }
  return at;
}

/** "every friday to send the weekly report by 5pm": reminding at the deadline comes too late; when, then? */
export function deadlineRefusal(input: string, norm: Normalized, o: OccasionSpan, others: Piece[], repeat: boolean): ParseRejection {
  const [from, to] = originalSpan(norm, o.start, o.end);
  const time = o.pieces.find((p) => p.time)!.time!;
  const example = insertAt(input, whereTimeGoes(input, norm, others), `at ${twoHoursBefore(time)}`);
  return reject(
    `When should I remind you? "${input.slice(from, to)}" reads as when the task is due, and a reminder then would come too late. Say when to remind you.`,
    example,
    repeat,
  );
}

/** "at 5pm to prepare for the meeting on monday": the reminder on monday, or the meeting? */
export function eventDayRefusal(input: string, norm: Normalized, o: OccasionSpan, others: Piece[]): ParseRejection {
  const [nounFrom] = originalSpan(norm, o.start, o.start + 1);
  const noun = /^[\p{L}-]+/u.exec(input.slice(nounFrom))![0];
  const nounTo = nounFrom + noun.length;
  const [, dayTo] = originalSpan(norm, o.start, o.end);
  // "with bob" of "the meeting with bob on monday" stays with the meeting in both readings
  const [dayFrom] = o.dayStart !== undefined ? originalSpan(norm, o.dayStart, o.end) : [nounTo];
  const withWhom = input.slice(nounTo, dayFrom).trimEnd();
  const day = input.slice(dayFrom, dayTo).trim();
  // Reminder's day: the day moved before the time said ("remind me on monday at 5pm to …")
  const [firstWhen] = originalSpan(norm, others[0]!.start, others[0]!.end);
  const withoutDay = `${input.slice(0, nounTo)}${withWhom}${input.slice(dayTo)}`;
  const onDay = insertAt(withoutDay, firstWhen < nounTo ? firstWhen : headEnd(input), day);
  // Event's day: "monday's meeting", "next week's school trip" (a day before 's names a thing)
  const det = /\b(?:the|a|an|my|our|your|his|her|their)\s+((?:[\p{L}-]+\s+){0,2})$/iu.exec(input.slice(0, nounFrom));
  const owned = det?.[1] ?? '';
  const eventStart = det ? det.index : nounFrom;
  const possessive = `${day.replace(/^(?:on|in)\s+/i, '')}'s ${owned}${noun}${withWhom}`;
  const onEvent = `${input.slice(0, eventStart)}${possessive}${input.slice(dayTo)}`;
  return reject(
    `Is "${day}" when to remind you, or when the ${noun} is? For a reminder that day say "${onDay}"; for the ${noun}'s day say "${onEvent}".`,
    onDay,
  );
}
