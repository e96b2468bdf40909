/**
 * Cuts `text` to `max` characters for a platform's length limit, marking the cut with "…" and
 * never splitting a surrogate pair (a half emoji is an invalid message on some platforms).
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
