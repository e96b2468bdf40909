/**
 * "remind me at noon to order the cake for saturday": "for saturday" is the occasion the task
 * is about, not when to remind. A day introduced by "for", "by", "before" or "due" right after
 * words of the task (an occasion or a deadline) belongs to the text. When the request says
 * when elsewhere ("at noon", "tomorrow", "in 2 hours", "every day at 9") that is the schedule
 * and the occasion stays in the text; when it is the only day in the request ("remind me to
 * order the cake for saturday") the reminder's time was never said, and the parser asks
 * rather than reminding on the occasion itself.
 *
 * Days after "on" ("at 9 to call mom on friday") and days at the start ("remind me for friday
 * at 9 …", "set a reminder for friday") are when to remind, as before. An occasion that holds
 * a clock time ("for saturday at 7", "for tomorrow at 9") is left to the other rules: it may
 * well be the reminder's time.
 */
import type { Piece } from './pieces.js';
import { originalSpan, type Normalized } from './shorthand.js';
import { GLUE, PREFIX, reminderText } from './text.js';
import type { ParseRejection } from './types.js';

/** The word that makes the day an occasion, just before the piece ("for the 1st", "due on friday"). */
const INTRO_BEFORE = /\b(?:for|by|before|due(?:\s+(?:on|by))?)\s+(?:the\s+)?$/;
/** The same word when a recogniser took it into the piece ("for tonight", "by eod"). */
const INTRO_INSIDE = /^(?:for|by|before|due)\s/;
/** The last word before the introducing one. */
const WORD_BEFORE = /([\p{L}\p{N}'’]+)[\s,]*$/u;

/** Time pieces that are one occasion ("for saturday and sunday", "by friday evening") and where its words begin. */
interface Occasion {
  pieces: Piece[];
  /** Start of "for"/"by"/… in the normalised text. */
  start: number;
  end: number;
}

/** A day that says no clock time (a clock time may be the reminder's own, see above). */
function dayOnly(p: Piece): boolean {
  return p.date !== undefined && p.time === undefined && !p.repeat && !p.duration && !p.window && p.offsetSign === undefined;
}

/** Where the introducing word of `p` starts, if `p` is introduced as an occasion. */
function introStart(text: string, p: Piece): number | undefined {
  if (INTRO_INSIDE.test(text.slice(p.start, p.end))) return p.start;
  const before = text.slice(Math.max(0, p.start - 16), p.start);
  const m = INTRO_BEFORE.exec(before);
  return m ? p.start - before.length + m.index : undefined;
}

/** Words of the task end right before `at` (not a time phrase, not glue, not "remind me"). */
function taskWordBefore(text: string, at: number, claimed: boolean[]): boolean {
  const head = text.slice(0, at);
  const m = WORD_BEFORE.exec(head);
  if (!m || claimed[m.index]) return false;
  if (GLUE.test(m[1]!)) return false;
  // "remind me for friday", "set a reminder for friday": the request's own words
  return head.replace(PREFIX, '').trim() !== '';
}

/**
 * The occasions of `pieces` (sorted by start, normalised coordinates); `claimed` marks every
 * character a recogniser took.
 */
function findOccasions(text: string, pieces: Piece[], claimed: boolean[]): Occasion[] {
  const out: Occasion[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const first = pieces[i]!;
    if (!dayOnly(first)) continue;
    const start = introStart(text, first);
    if (start === undefined || !taskWordBefore(text, start, claimed)) continue;
    // The pieces right after it, joined by glue only, say the same occasion.
    let j = i;
    while (j + 1 < pieces.length && GLUE.test(text.slice(pieces[j]!.end, pieces[j + 1]!.start))) j++;
    const chain = pieces.slice(i, j + 1);
    i = j;
    if (chain.some((p) => p.time !== undefined || p.repeat || p.duration)) continue;
    out.push({ pieces: chain, start, end: chain[chain.length - 1]!.end });
  }
  return out;
}

/**
 * Takes the occasions out of `pieces` (they stay in the text) when the request says when
 * elsewhere; when it does not, the refusal that asks when, with the whole task in its example.
 */
export function dropOccasions(input: string, norm: Normalized, pieces: Piece[], claimed: boolean[]): ParseRejection | undefined {
  const occasions = findOccasions(norm.text, pieces, claimed);
  if (occasions.length === 0) return undefined;
  const inOccasion = new Set(occasions.flatMap((o) => o.pieces));
  const when = pieces.some((p) => !inOccasion.has(p) && (p.date || p.time || p.defaultTime || p.duration || p.repeat || p.window));
  if (!when) {
    const o = occasions[0]!;
    const [from, to] = originalSpan(norm, o.start, o.end);
    return {
      ok: false,
      error: `When should I remind you? "${input.slice(from, to)}" reads as part of the task (what it is for, or when it is due), not as the time to remind you. Say when before the task.`,
      example: `remind me in 1 hour to ${reminderText(input, norm, [])}`,
    };
  }
  for (const p of inOccasion) pieces.splice(pieces.indexOf(p), 1);
  return undefined;
}
