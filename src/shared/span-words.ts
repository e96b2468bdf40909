/**
 * How a span of time is worded, for people: "2 hours 30 minutes", "21 days", "in 23 hours",
 * "5 minutes ago". One rule for every place Chime says how long or how soon: the chat's
 * confirmations and /list, a repeating rule in words ("every 1 hour 30 minutes"), and the web
 * dashboard's relative times, which run in the browser. That is why this module imports
 * nothing (no Node, no package, no other layer of Chime): the dashboard's bundle includes it.
 *
 * The rule: minute precision; under an hour in minutes; under a day in hours and minutes;
 * under a week in days and whole hours; from a week on, whole days, counted down (21 days 17
 * hours is "21 days", never rounded up to a day that has not come). Days are 24 real hours, so
 * a span across a daylight-saving change counts the hours that pass (Saturday 09:00 to Sunday
 * 09:00 over spring-forward is "23 hours").
 */

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

/** "in 23 hours" / "2 minutes ago": how far the instant `atMs` is from `nowMs` (epoch ms). */
export function relativeSpan(atMs: number, nowMs: number): string {
  const diff = atMs - nowMs;
  const span = formatSpan(diff);
  return diff >= 0 ? `in ${span}` : `${span} ago`;
}
