/**
 * "remind me at 9 to call mom, and at 10 to call dad" is two reminders with two texts. Read as
 * one, it would fire "call mom, and to call dad" at both times: a silent guess. So a request
 * whose time phrases each say the same kind of thing (two clock times, two days) with words of
 * the reminder between them AND around them is refused with the reason and the first half as
 * the example. One text with several times ("tomorrow at 9am and 5pm take meds", "at 9 call mom
 * and at 10") and texts that merely hold "and" ("buy milk and eggs") read as before.
 */
import type { Normalized } from './shorthand.js';
import type { Piece } from './pieces.js';
import { GLUE, PREFIX, reminderText } from './text.js';

/** What a stretch of time phrase tells: the clock time, the day, or both (a duration, "tonight"). */
interface Cluster {
  start: number;
  end: number;
  time: boolean;
  day: boolean;
}

/** Glue at the end of a half ("call mom, and"). */
const TRAILING = /(?:[\s,;&+]|\b(?:and|or|then|also|plus)\b)+$/i;

/** What a text cut before a time phrase may end with ("book the flight for", "school ("). */
const DANGLING = /(?:[\s,;:&+(\-–—]|\b(?:for|on|at|by|due|in|from|to|until|till|the|and|or|then|before|after)\b)+$/i;

/** Words between two time phrases that add nothing to the text ("at 9 and again at 10"). */
const EXTRA_GLUE = /\b(?:again|too|both|each|as well|remind me)\b/g;

function hasWords(s: string): boolean {
  const rest = s
    .replace(/^\s*\/remind\b/, '')
    .replace(PREFIX, '')
    .replace(EXTRA_GLUE, ' ');
  return !GLUE.test(rest) && /[\p{L}\p{N}]/u.test(rest);
}

/** Whether two pieces tell a clock time, or two a day (the kinds {@link clusters} compares). */
function sameKindTwice(pieces: Piece[]): boolean {
  let times = 0;
  let days = 0;
  for (const p of pieces) {
    if (p.role) continue;
    if (p.time !== undefined || p.defaultTime !== undefined || p.duration !== undefined || p.window !== undefined) times++;
    if (p.date !== undefined || p.repeat !== undefined || p.duration !== undefined) days++;
  }
  return times > 1 || days > 1;
}

/** Time phrases next to each other (only glue between) form one cluster. */
function clusters(pieces: Piece[], zones: Array<{ start: number; end: number }>, text: string): Cluster[] {
  const spans = [
    ...pieces.map((p) => ({
      start: p.start,
      end: p.end,
      // Bounds ("until dec 31") split the text but compete with nothing.
      time: !p.role && (p.time !== undefined || p.defaultTime !== undefined || p.duration !== undefined || p.window !== undefined),
      day: !p.role && (p.date !== undefined || p.repeat !== undefined || p.duration !== undefined),
    })),
    ...zones.map((z) => ({ start: z.start, end: z.end, time: false, day: false })),
  ].sort((a, b) => a.start - b.start);
  const out: Cluster[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && (s.start <= last.end || !hasWords(text.slice(last.end, s.start)))) {
      last.end = Math.max(last.end, s.end);
      last.time ||= s.time;
      last.day ||= s.day;
    } else out.push({ ...s });
  }
  return out;
}

/**
 * The refusal for a request that holds two reminders with different texts, or undefined.
 * `text` is the normalised request, `pieces` its time pieces that are not kept as text.
 */
export function twoTasks(
  original: string,
  norm: Normalized,
  pieces: Piece[],
  zones: Array<{ start: number; end: number }>,
): { error: string; example: string } | undefined {
  const text = norm.text;
  // Two clusters can only say the same kind of thing if two pieces do: most requests have one
  // time and one day, and the clusters below cost a few regexes.
  if (!sameKindTwice(pieces)) return undefined;
  // "in 1 hour /remind in 5 minutes tea": what follows a command is its arguments, not a time of ours
  const command = text.search(/\s\/[a-z]/);
  const cs = clusters(pieces, zones, text).filter((c) => command < 0 || c.start < command);
  // Most requests have one time phrase, or a time and a day: no two say the same kind of thing.
  if (!cs.some((a, i) => cs.some((b, j) => j > i && ((a.time && b.time) || (a.day && b.day))))) return undefined;
  // regions[k]: the text before cluster k (k = cs.length: after the last one)
  const regions = cs.map((c, k) => text.slice(k === 0 ? 0 : cs[k - 1]!.end, c.start));
  regions.push(text.slice(cs[cs.length - 1]?.end ?? 0));
  const worded = regions.map(hasWords);
  const bounds = regions.map((_, k) => [k === 0 ? 0 : cs[k - 1]!.end, k < cs.length ? cs[k]!.start : text.length] as const);
  for (let i = 0; i < cs.length; i++) {
    for (let j = i + 1; j < cs.length; j++) {
      const a = cs[i]!;
      const b = cs[j]!;
      if (!((a.time && b.time) || (a.day && b.day))) continue;
      const between = worded.findIndex((w, k) => w && k > i && k <= j);
      const outside = worded.findIndex((w, k) => w && (k <= i || k > j));
      if (between < 0) continue;
      if (outside < 0) {
        // "at 10 about the meeting on tuesday": with no "and" before it, the second time may be
        // part of the text (the meeting's day) rather than a second fire.
        if (/(?:[,;&+]|\b(?:and|or|then|also|plus|again|too)\b)\s*$/.test(text.slice(0, b.start))) continue;
        const second = slice(original, norm, b.start, b.end).trim();
        return {
          error: `I found two times, and "${second}" comes after the text: is it a second time to remind you, or part of the text? For a second time say "and ${second}"; to keep it in the text, write it as part of it (like "monday's flight" or "the 5:30 pickup"), or leave it out as in the example.`,
          example: slice(original, norm, 0, bounds[j]![1]).replace(DANGLING, '').trim(),
        };
      }
      const [firstRegion, secondRegion] = outside <= i ? [outside, between] : [between, outside];
      const texts = [firstRegion, secondRegion].map((k) =>
        reminderText(slice(original, norm, bounds[k]![0], bounds[k]![1]), norm, []).replace(TRAILING, ''),
      );
      // The first reminder ends at its time phrase ("call mom at 9 | and dad at 10") or at its
      // text, before the glue that leads to the second ("at 9 to call mom | , and at 10 …").
      const cut = outside <= i ? a.end : bounds[between]![1];
      const example = slice(original, norm, 0, cut).replace(TRAILING, '').trim();
      return {
        error: `That reads as two reminders with different texts ("${texts[0]}" and "${texts[1]}"); I would merge them into one. Please send them one at a time.`,
        example,
      };
    }
  }
  return undefined;
}

/** The original text of the normalised span [start, end). */
function slice(original: string, norm: Normalized, start: number, end: number): string {
  const from = start >= norm.text.length ? original.length : (norm.from[start] ?? original.length);
  const to = end <= 0 ? 0 : end >= norm.text.length ? original.length : (norm.to[end - 1] ?? original.length);
  return original.slice(from, Math.max(from, to));
}
