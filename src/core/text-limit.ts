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
