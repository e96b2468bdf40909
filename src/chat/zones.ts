/**
 * The canonical IANA name for a zone the user typed ("europe/berlin" → "Europe/Berlin"), or
 * undefined when the runtime does not know it. Offsets like "+02:00" are refused on purpose:
 * they do not follow daylight saving.
 */
export function canonicalTimeZone(raw: string): string | undefined {
  const name = raw.trim();
  if (!name || /^[+-]?\d/.test(name) || name.length > 64) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
