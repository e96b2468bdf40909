/**
 * How times look in chat: "Mon 23 Nov 09:00 (in 23 hours)" in the reader's zone. The
 * weekday is always shown because "which Monday?" is the usual misunderstanding.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function parts(at: Date, timeZone: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(at)) out[p.type] = p.value;
  return out;
}

/** `Mon 23 Nov 09:00` in `timeZone`; the year is added when it is not `now`'s year. */
export function formatWallTime(at: Date, timeZone: string, now: Date): string {
  const p = parts(at, timeZone);
  const year = p['year'] !== parts(now, timeZone)['year'] ? ` ${p['year']}` : '';
  return `${p['weekday']} ${p['day']} ${p['month']}${year} ${p['hour']}:${p['minute']}`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** A span in words at minute precision: "2 hours 30 minutes", "3 days", "1 day 4 hours". */
export function formatSpan(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return plural(minutes, 'minute');
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days === 0) return mins ? `${plural(hours, 'hour')} ${plural(mins, 'minute')}` : plural(hours, 'hour');
  if (days >= 7 || hours === 0) return plural(days, 'day');
  return `${plural(days, 'day')} ${plural(hours, 'hour')}`;
}

/** "in 23 hours" / "2 minutes ago". */
export function formatRelative(at: Date, now: Date): string {
  const diff = at.getTime() - now.getTime();
  const span = formatSpan(diff);
  return diff >= 0 ? `in ${span}` : `${span} ago`;
}

/** `Mon 23 Nov 09:00 (in 23 hours)`. */
export function formatWhen(at: Date, timeZone: string, now: Date): string {
  return `${formatWallTime(at, timeZone, now)} (${formatRelative(at, now)})`;
}

/** Shortens text for one-line listings, keeping it readable. */
export function truncate(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}
