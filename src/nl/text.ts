/**
 * The reminder text is what is left of the request: the time phrase, "remind me (to|that|
 * about)", "remind @sam", "remind #general" removed, the rest kept verbatim (original case).
 */
import type { Normalized } from './shorthand.js';

/** Words that only glue time phrases together ("at 9am and 9pm", "monday, then friday"). */
export const GLUE = /^[\s,;&+]*(?:(?:and|or|then|also|plus|again|at|on|in|by|from|to|till|until|every)[\s,;&+]*)*$/i;

export const PREFIX =
  /^\s*(?:\/(?=remind))?(?:(?:hey|hi|ok|okay)\s+\w+[,!.]?\s+)?(?:please\s+)?(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?)?(?:(?:remind|ping|nudge|tell|notify|alert)\s+(?:me|us|@\S+|#\S+|everyone|everybody|all)(?:\s+(?:and|,)\s+(?:me|us|@\S+|#\S+))*|set\s+(?:a|an|the)?\s*reminder|reminder|remember)\b[\s:,-]*(?:(?:to|that|about|of|for|re)\b\s*)?/i;
const LEADING_GLUE = /^(?:[\s,;:.\-–—]+|(?:to|that|about|and|then)\b\s*)+/i;
/** Glue left at the end once the time is cut; not the "by" of "drop by", "stop by", which is the task's verb. */
const TRAILING_GLUE =
  /(?:[\s,;:\-–—]+|\b(?:and|then|at|(?<!\b(?:drop|stop|come|pop|swing|pass|stand)\s+)by|every|from|starting|until|till)\b)+$/i;

/**
 * Cuts the claimed spans (normalised coordinates) out of the original text and strips the
 * request prefix. Gaps that only glue two time phrases together go too.
 */
export function reminderText(original: string, norm: Normalized, spans: Array<[number, number]>): string {
  const sorted = spans.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const cut = new Array<boolean>(original.length).fill(false);
  let prevEnd = -1;
  for (const [s, e] of sorted) {
    const os = norm.from[s] ?? original.length;
    const oe = norm.to[e - 1] ?? original.length;
    if (prevEnd >= 0 && prevEnd <= os && GLUE.test(original.slice(prevEnd, os))) {
      for (let i = prevEnd; i < os; i++) cut[i] = true;
    }
    for (let i = os; i < oe; i++) cut[i] = true;
    prevEnd = Math.max(prevEnd, oe);
  }
  let text = '';
  let gap = false;
  for (let i = 0; i < original.length; i++) {
    if (cut[i]) {
      gap = true;
      continue;
    }
    if (gap && text.length > 0 && !/\s$/.test(text) && !/^[\s,.!?;:]/.test(original[i]!)) text += ' ';
    const run = gap ? danglingRun(original, cut, i) : 0;
    // "at 9am !!! call": the run may stand a space apart from the cut words
    gap = gap && /\s/.test(original[i]!);
    if (run > 0) {
      text += `${OPEN}${original.slice(i, i + run)}${CLOSE}`;
      i += run - 1;
      continue;
    }
    text += original[i];
  }
  text = text.replace(/\s{2,}/g, ' ').trim();
  for (let i = 0; i < 3; i++) {
    const before = text;
    text = text
      .replace(PREFIX, '')
      .replace(LEADING_DANGLING, '')
      .replace(LEADING_GLUE, '')
      .replace(TRAILING_DANGLING, '')
      .replace(TRAILING_GLUE, '')
      .trim();
    if (text === before) break;
  }
  // "call mom ." -> "call mom."; "call mum :)" keeps its smiley apart
  return text
    .replace(/[\uE000\uE001]/g, '')
    .replace(/\s+([,.!?;:]+)(?=\s|$)/g, '$1')
    .replace(/^[,.;:]+\s*/, '')
    .trim();
}

/**
 * Marks around punctuation that closed a cut time phrase ("tomorrow at 9am!!! call mum", "call
 * mum, tomorrow at 9."): it belonged to the time words, so at either end of the text it goes
 * with them. Inside the text it stays, on the word before ("call mum at 9. Bring cake" ->
 * "call mum. Bring cake"); the text's own ("call mum!!! tomorrow at 9") is never marked.
 */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const LEADING_DANGLING = /^\uE000[^\uE001]*\uE001\s*/;
const TRAILING_DANGLING = /\s*\uE000[^\uE001]*\uE001$/;

/** Length of a run of ! ? . … ‼ at `i` that ends at a space or the end of the request (0 if none). */
function danglingRun(original: string, cut: boolean[], i: number): number {
  let j = i;
  while (j < original.length && !cut[j] && /[!?.…‼⁇⁈⁉]/.test(original[j]!)) j++;
  return j > i && (j === original.length || /\s/.test(original[j]!)) ? j - i : 0;
}
