/**
 * Days and times that belong to the task, not to the reminder. Three kinds, one rule each:
 *
 * - An occasion: "remind me at noon to order the cake for saturday": "for saturday" is what the
 *   task is for. A day introduced by "for", "by", "before" or "due" right after words of the
 *   task belongs to the text. When the request says when elsewhere ("at noon", "tomorrow", "in
 *   2 hours", "every day at 9") that is the schedule and the occasion stays in the text; when it
 *   is the only day in the request ("remind me to order the cake for saturday") the reminder's
 *   time was never said, and the parser asks rather than reminding on the occasion itself.
 * - A deadline: "every friday to send the weekly report by 5pm": a clock time after "by",
 *   "before", "until", "no later than" or "due", once the task has begun, is when the task is
 *   due. Reminding at it would come too late, so it stays in the text when another clock time
 *   says when ("every friday at 3pm to … by 5pm"), and is asked about when it is the only one.
 *   A "until 5pm" after a repeat of hours or minutes is that repeat's end, not a deadline.
 * - An event's day: "at 5pm to prepare for the meeting on monday": the day may be when the
 *   meeting is, or when to remind. When the request fixes the reminder's day elsewhere
 *   ("tomorrow at 5pm", "in 2 hours", "every day at 9") it can only be the meeting's and stays
 *   in the text; with only a clock time it is asked about, with both readings. Alone ("to
 *   prepare for the meeting on monday") it is the reminder's day, as any day.
 *
 * Days after "on" ("at 9 to call mom on friday") and days at the start ("remind me for friday
 * at 9 …", "set a reminder for friday") are when to remind, as before. An occasion that holds
 * a clock time ("for saturday at 7", "for tomorrow at 9") is left to the other rules: it may
 * well be the reminder's time.
 */
import { maskClaimed, type Piece } from './pieces.js';
import { originalSpan, type Normalized } from './shorthand.js';
import { reject } from './rejection.js';
import { GLUE, PREFIX, reminderText } from './text.js';
import type { ParseRejection } from './types.js';
import { deadlineRefusal, eventDayRefusal } from './occasion-refusals.js';

/** The word that makes the day an occasion, just before the piece ("for the 1st", "due on friday"). */
const INTRO_BEFORE = /\b(?:for|by|before|due(?:\s+(?:on|by))?)\s+(?:the\s+)?$/;
/** The same word when a recogniser took it into the piece ("for tonight", "by eod"). */
const INTRO_INSIDE = /^(?:for|by|before|due)\s+(?!on\b|at\b)/;
/** A piece that opens with its own preposition is not introduced by the word before: "drop by on friday", "stop by at 5". */
const OWN_PREPOSITION = /^(?:on|at|@|around|in)\s/;
/** The words that make a clock time a deadline, before the piece and inside it. */
const DEADLINE_BEFORE = /\b(by|before|until|till|til|(?:no|not)\s+later\s+than|due(?:\s+(?:at|by))?)\s+$/;
const DEADLINE_INSIDE = /^(by|before)\s+(?!on\b|at\b)/;
/** Deadline words that bound a repeat of hours or minutes instead ("every hour until 5pm"). */
const BOUND_WORD = /^(?:until|till|til|(?:no|not)\s+later\s+than)/;
/**
 * Nouns of things that happen on a day of their own, right before a day: "the meeting on
 * monday", "the trip next week". Not "call mom on friday", "take out the bins on thursday".
 */
const EVENT_NOUNS =
  'meeting call appointment interview exam test class lesson lecture seminar webinar workshop conference presentation talk demo review standup stand-up session trip flight holiday vacation party dinner lunch brunch wedding funeral birthday anniversary ceremony concert show gig game match race recital rehearsal practice training visit check-?up surgery event launch release reunion picnic barbecue bbq festival meetup hearing shift tournament performance deadline';
/**
 * An event's noun right before a day, with up to three words of who or what it is with or about
 * ("the meeting with bob on monday", "the call about the budget on friday"): the day may as well
 * be the event's. Group 1 is the words between the noun (or its complement) and the day.
 */
const EVENT_BEFORE = new RegExp(
  `(?:^|[^\\p{L}])(?:${EVENT_NOUNS.split(' ').join('|')})s?(?:\\s+(?:with|about|at|of)(?:\\s+[\\p{L}'’-]+){1,3})?(\\s+(?:on\\s+|in\\s+)?(?:the\\s+)?)$`,
  'u',
);
/** The last word before the introducing one. */
const WORD_BEFORE = /([\p{L}\p{N}'’]+)[\s,]*$/u;

/** Time pieces that are one occasion ("for saturday and sunday", "by friday evening") and where its words begin. */
export interface Occasion {
  kind: 'occasion' | 'deadline' | 'event';
  pieces: Piece[];
  /** Start of "for"/"by"/… (of the event's noun: "meeting on monday") in the normalised text. */
  start: number;
  end: number;
  /** An event's: where its day's words begin ("on monday" of "the meeting with bob on monday"). */
  dayStart?: number;
}

/** A day that says no clock time (a clock time may be the reminder's own, see above). */
function dayOnly(p: Piece): boolean {
  return p.date !== undefined && p.time === undefined && !p.repeat && !p.duration && !p.window && p.offsetSign === undefined;
}

/** A day or a clock time and nothing else ("5pm", "friday", "tomorrow 9am"). */
function plainWhen(p: Piece): boolean {
  return (
    (p.date !== undefined || p.time !== undefined) &&
    !p.repeat &&
    !p.duration &&
    !p.window &&
    p.offsetSign === undefined &&
    p.minuteOfHour === undefined &&
    !p.refuse
  );
}

/** Where the introducing word of `p` starts, if `p` is introduced as an occasion. */
function introStart(text: string, p: Piece): number | undefined {
  const own = text.slice(p.start, p.end);
  if (INTRO_INSIDE.test(own)) return p.start;
  const before = text.slice(Math.max(0, p.start - 16), p.start);
  const m = INTRO_BEFORE.exec(before);
  // "due on friday" is one phrase; "drop by on friday" is two
  if (!m || (OWN_PREPOSITION.test(own) && !m[0].startsWith('due'))) return undefined;
  return p.start - before.length + m.index;
}

/** Where the deadline word of `p` starts and the word itself ("by", "no later than"), if any. */
function deadlineIntro(text: string, p: Piece, claimed: boolean[]): { start: number; word: string } | undefined {
  const own = text.slice(p.start, p.end);
  const inside = DEADLINE_INSIDE.exec(own);
  if (inside) return { start: p.start, word: inside[1]! };
  if (OWN_PREPOSITION.test(own)) return undefined;
  const before = text.slice(Math.max(0, p.start - 20), p.start);
  const m = DEADLINE_BEFORE.exec(before);
  const start = m ? p.start - before.length + m.index : -1;
  // a "before" another piece took is an offset ("the day before dec 24 at 5pm"), not a deadline
  return m && !claimed[start] ? { start, word: m[1]! } : undefined;
}

/**
 * Where the event's noun right before the day `p` starts ("meeting" of "the meeting with bob on
 * monday") and where the day's words begin, if there is one. A complement holding another time
 * phrase ("the meeting at noon on monday") is not one.
 */
function eventNoun(text: string, p: Piece, claimed: boolean[]): { start: number; dayStart: number } | undefined {
  const before = text.slice(Math.max(0, p.start - 64), p.start);
  const m = EVENT_BEFORE.exec(before);
  if (!m) return undefined;
  const start = p.start - before.length + m.index + (/^\p{L}/u.test(m[0]) ? 0 : 1);
  const dayStart = p.start - m[1]!.length;
  for (let i = start; i < dayStart; i++) if (claimed[i]) return undefined;
  return { start, dayStart };
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

/** The task has begun before `at`: "to send the report every friday by 5pm", not "remind me every friday by 5pm". */
function taskBegunBefore(text: string, at: number, claimed: boolean[]): boolean {
  const head = maskClaimed(text.slice(0, at), claimed).replace(PREFIX, '');
  return !GLUE.test(head.replace(/\b(?:to|that|about)\b/g, ' ')) && /\p{L}/u.test(head);
}

/** The index past the pieces from `i` joined to it by glue only that `fits` accepts. */
function chainEnd(text: string, pieces: Piece[], i: number, fits: (p: Piece) => boolean): number {
  let j = i;
  while (j + 1 < pieces.length && fits(pieces[j + 1]!) && GLUE.test(text.slice(pieces[j]!.end, pieces[j + 1]!.start))) j++;
  return j;
}

function subDaily(p: Piece): boolean {
  return p.repeat?.kind === 'every' && ['hour', 'minute', 'second'].includes(p.repeat.unit);
}

/**
 * The occasions of `pieces` (sorted by start, normalised coordinates); `claimed` marks every
 * character a recogniser took.
 */
function findOccasions(text: string, pieces: Piece[], claimed: boolean[]): Occasion[] {
  const out: Occasion[] = [];
  const boundsRepeat = pieces.some(subDaily);
  for (let i = 0; i < pieces.length; i++) {
    const first = pieces[i]!;
    if (!plainWhen(first)) continue;
    // A deadline: the pieces after "by" up to the next repeat or span ("by 5pm tomorrow", "by 5pm every friday")
    const deadline = deadlineIntro(text, first, claimed);
    if (deadline && !(boundsRepeat && BOUND_WORD.test(deadline.word)) && taskBegunBefore(text, deadline.start, claimed)) {
      const j = chainEnd(text, pieces, i, plainWhen);
      const chain = pieces.slice(i, j + 1);
      if (chain.some((p) => p.time !== undefined) && !(BOUND_WORD.test(deadline.word) && chain.some((p) => p.date))) {
        out.push({ kind: 'deadline', pieces: chain, start: deadline.start, end: chain[chain.length - 1]!.end });
        i = j;
        continue;
      }
    }
    if (!dayOnly(first)) continue;
    const start = introStart(text, first);
    const noun = start === undefined ? eventNoun(text, first, claimed) : undefined;
    const from = start ?? noun?.start;
    if (from === undefined) continue;
    if (start !== undefined ? !taskWordBefore(text, start, claimed) : claimed[from] || !taskBegunBefore(text, from, claimed)) continue;
    // The pieces right after it, joined by glue only, say the same occasion.
    const j = chainEnd(text, pieces, i, () => true);
    const chain = pieces.slice(i, j + 1);
    i = j;
    if (chain.some((p) => p.time !== undefined || p.repeat || p.duration)) continue;
    const end = chain[chain.length - 1]!.end;
    out.push(
      start !== undefined
        ? { kind: 'occasion', pieces: chain, start: from, end }
        : { kind: 'event', pieces: chain, start: from, end, dayStart: noun!.dayStart },
    );
  }
  return out;
}

/** A piece that says when: a day, a clock time, a span from now, a repeat. */
function saysWhen(p: Piece): boolean {
  return Boolean(p.date || p.time || p.defaultTime || p.duration || p.repeat || p.window);
}

/** A piece that says the time of day (a deadline's time cannot be the reminder's then). */
function saysClock(p: Piece): boolean {
  return Boolean(p.time || p.defaultTime || p.duration || p.window || p.minuteOfHour !== undefined || subDaily(p));
}

/** A piece that fixes the reminder's day, so a day after an event's noun can only be the event's. */
function fixesDay(p: Piece): boolean {
  return Boolean(p.date || p.duration || p.repeat);
}

/**
 * Takes the occasions out of `pieces` (they stay in the text) when the request says when
 * elsewhere; when it does not, or when it is ambiguous, the refusal that asks, with the whole
 * task in its example.
 */
export function dropOccasions(input: string, norm: Normalized, pieces: Piece[], claimed: boolean[]): ParseRejection | undefined {
  const occasions = findOccasions(norm.text, pieces, claimed);
  if (occasions.length === 0) return undefined;
  const inOccasion = new Set(occasions.flatMap((o) => o.pieces));
  const others = pieces.filter((p) => !inOccasion.has(p));
  const drop: Occasion[] = [];
  for (const o of occasions) {
    if (o.kind === 'occasion') {
      if (!others.some(saysWhen)) {
        const [from, to] = originalSpan(norm, o.start, o.end);
        return reject(
          `When should I remind you? "${input.slice(from, to)}" reads as part of the task (what it is for, or when it is due), not as the time to remind you. Say when before the task.`,
          `remind me in 1 hour to ${reminderText(input, norm, [])}`,
        );
      }
      drop.push(o);
    } else if (o.kind === 'deadline') {
      if (!others.some(saysClock))
        return deadlineRefusal(
          input,
          norm,
          o,
          others,
          pieces.some((p) => p.repeat),
        );
      drop.push(o);
    } else if (others.some(fixesDay)) drop.push(o);
    else if (others.some(saysWhen)) return eventDayRefusal(input, norm, o, others);
  }
  for (const p of drop.flatMap((o) => o.pieces)) pieces.splice(pieces.indexOf(p), 1);
  return undefined;
}
