import { UserError } from './errors.js';

/**
 * Longest reminder or note text by default (CHIME_MAX_TEXT_LENGTH): a delivered reminder, with
 * its clock line, mention and buttons, still fits in one message on every platform (Discord's
 * 2,000 characters being the smallest; Telegram allows 4,096).
 */
export const DEFAULT_MAX_TEXT_LENGTH = 1800;

/**
 * The one text-length rule, for the chat and the command line alike: longer than `max`
 * characters is refused with the count, the limit and an input that works; nothing is changed.
 */
export function checkTextLength(text: string, max: number, what: string, example: string): void {
  if (text.length > max) {
    throw new UserError('quota.text', `${what} is too long (${text.length} characters, at most ${max}).`, example);
  }
}

/**
 * Spaces, controls and characters that take no room on screen: zero-width space and joiners,
 * word joiner, direction marks and isolates, BOM (format characters, Cf), and the blank
 * fillers (Hangul, Braille) chat apps show as nothing.
 */
const INVISIBLE = /[\s\p{Cc}\p{Cf}\u115f\u1160\u2800\u3164\uffa0]/gu;

/**
 * The one blank-text rule: whether `text` has something a person can read. A reminder of only
 * spaces or zero-width characters would arrive as an empty-looking message.
 */
export function hasVisibleText(text: string): boolean {
  return text.replace(INVISIBLE, '') !== '';
}

/**
 * The one clipping rule: cuts `text` to `max` characters, marking the cut with "…" and never
 * splitting a surrogate pair (a half emoji is an invalid message on some platforms). Used for
 * platform length limits and for one-line listings alike.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
