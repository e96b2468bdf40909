/** Output helpers shared by the CLI commands: aligned tables, instants in a zone, JSON. */

/**
 * Renders rows as a left-aligned text table with a header line. No rows print `empty`, which
 * should say where the command looked ("No jobs in /srv/chime/data/chime.db."): an empty answer
 * from the wrong database must not look like an empty database.
 */
export function table(columns: string[], rows: string[][], empty = '(none)'): string {
  if (rows.length === 0) return `${empty}\n`;
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(columns), ...rows.map(line)].join('\n') + '\n';
}

/**
 * An instant as wall time in `timeZone` with its offset, e.g. `2026-11-22 11:00:00 +01:00`.
 * `-` for null, so tables stay aligned.
 */
export function instant(d: Date | null | undefined, timeZone = 'UTC'): string {
  if (!d) return '-';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${offset}`;
}

/** Pretty JSON with a trailing newline; Dates become ISO strings. */
export function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** Shortens `text` to `max` characters with an ellipsis. */
export function clip(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
