/**
 * "around 5ish", "morning-ish", "tomorrow-ish": a time said loosely. Chime fires at one exact
 * time, so the time word is read as it stands (5ish is 17:00 where 5 is) and the confirmation
 * says so; "ish" was left in the reminder's text and the exactness went unsaid.
 */
import type { Piece } from './pieces.js';

const ISH = /^(?:-|\s)?ish\b/;

/**
 * Extends each time piece of `text` followed by "ish" over it (so the text loses the word) and
 * returns the note to show, or undefined when nothing was said loosely.
 */
export function approximateTimes(text: string, pieces: Piece[]): string | undefined {
  const said: string[] = [];
  for (const p of pieces) {
    const m = ISH.exec(text.slice(p.end));
    if (!m) continue;
    p.end += m[0].length;
    said.push(text.slice(p.start, p.end));
  }
  if (said.length === 0) return undefined;
  return `"${said.join('", "')}" is read as exactly the time above (I can only remind at an exact time); say another time if you meant one.`;
}
