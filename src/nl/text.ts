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
    gap = false;
    text += original[i];
  }
  text = text.replace(/\s{2,}/g, ' ').trim();
  for (let i = 0; i < 3; i++) {
    const before = text;
    text = text.replace(PREFIX, '').replace(LEADING_GLUE, '').replace(TRAILING_GLUE, '').trim();
    if (text === before) break;
  }
  // "call mom ." -> "call mom."
  return text
    .replace(/\s+([,.!?;:])/g, '$1')
    .replace(/^[,.;:]+\s*/, '')
    .trim();
}
