/**
 * "every 20 minutes from 10:30pm to 1:10am": a step of minutes inside a window of the day, as
 * cron patterns that fire exactly at the window's own times (22:30, 22:50, … 01:10) and never
 * outside it. The times count from the window's start and end at its end, inclusive; a `*\/N`
 * minute field alone would restart at :00 every hour (22:00 before the start, 01:20 after the
 * end), so it is used only for the hours whose fires it matches exactly.
 */
import type { CronSchedule } from '../core/schedule.js';
import type { TimeOfDay } from './pieces.js';

/**
 * The cron patterns of every `step` minutes from `from` to `to` (minutes of the day; a `to` not
 * after `from` is on the next day). With `days` (cron weekdays), the times after midnight are
 * the next day's: "from 11pm to 1:30am on fridays" runs into Saturday morning.
 */
export function minuteWindowCrons(from: number, to: number, step: number, days: number[] | undefined): CronSchedule[] {
  const span = (to - from + 1440) % 1440;
  // day (0: the window's own, 1: the next) -> hour -> minutes
  const byDay = new Map<number, Map<number, number[]>>();
  for (let t = from; t <= from + span; t += step) {
    const day = t >= 1440 && days ? 1 : 0;
    const hours = byDay.get(day) ?? new Map<number, number[]>();
    const h = Math.floor(t / 60) % 24;
    hours.set(h, [...(hours.get(h) ?? []), t % 60]);
    byDay.set(day, hours);
  }
  const out: CronSchedule[] = [];
  for (const [day, hours] of byDay) {
    const dow = days ? dowField(days.map((d) => (d + day) % 7)) : '*';
    // hours with the same minutes share one pattern, in the order the window meets them
    const byMinutes = new Map<string, number[]>();
    for (const [h, minutes] of hours) {
      const key = minuteField(minutes, step);
      byMinutes.set(key, [...(byMinutes.get(key) ?? []), h]);
    }
    const stepHours = step % 60 === 0 ? step / 60 : undefined;
    for (const [minutes, hs] of byMinutes) out.push({ kind: 'cron', pattern: `${minutes} ${hourField(hs, stepHours)} * * ${dow}` });
  }
  return out;
}

/** `*\/15` when the minutes are exactly :00, :15, :30, :45 (a step dividing the hour), else the list. */
function minuteField(minutes: number[], step: number): string {
  const whole = step < 60 && 60 % step === 0 && minutes.length === 60 / step && minutes.every((m, i) => m === i * step);
  if (whole) return step === 1 ? '*' : `*/${step}`;
  return [...minutes].sort((a, b) => a - b).join(',');
}

/**
 * Cron hour field: one ascending run as a range (`9-17`), else the hours listed in order. Hours
 * of a step of `stepHours` (2 or more) evenly spaced from the first are that step (`9-15/2`):
 * the rule the person said, which is how /list words it (core/schedule-words.ts).
 */
export function hourField(hours: number[], stepHours?: number): string {
  const stepped =
    stepHours !== undefined && stepHours >= 2 && hours.length >= 2 && hours.every((h, i) => i === 0 || h === hours[i - 1]! + stepHours);
  if (stepped) return `${hours[0]}-${hours[hours.length - 1]}/${stepHours}`;
  const sorted = [...hours].sort((a, b) => a - b);
  const run = sorted.length > 1 && sorted.every((h, i) => i === 0 || h === sorted[i - 1]! + 1) && hours[0] === sorted[0];
  return run ? `${sorted[0]}-${sorted[sorted.length - 1]}` : sorted.join(',');
}

/** Cron day-of-week field, runs of 3+ days as ranges: [1,2,3,4,5] -> `1-5`, [0,6] -> `0,6`. */
export function dowField(days: number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j - i >= 2 ? `${sorted[i]}-${sorted[j]}` : sorted.slice(i, j + 1).join(','));
    i = j + 1;
  }
  return parts.join(',');
}

/**
 * Hours of a window ("from 9 to 5"): a bare start of 5-11 is morning, 12 noon, 1-4 afternoon;
 * a bare end is the first such hour after the start (9 to 5 -> 17:00).
 */
export function settleWindow(fromRaw: TimeOfDay, toRaw: TimeOfDay): { from: TimeOfDay; to: TimeOfDay } {
  const from = fromRaw.bare ? { ...fromRaw, h: fromRaw.h === 12 || fromRaw.h >= 5 ? fromRaw.h : fromRaw.h + 12, bare: false } : fromRaw;
  let to = toRaw;
  if (toRaw.bare) {
    const h12 = toRaw.h % 12;
    const start = from.h * 60 + from.mi;
    const pm = h12 + 12;
    to = { ...toRaw, bare: false, h: h12 * 60 + toRaw.mi > start ? h12 : pm * 60 + toRaw.mi > start ? pm : h12 };
  }
  return { from, to };
}

/** "9am", "5:30pm", "noon", "midnight": a settled window end as a request says it. */
export function spokenClock(t: TimeOfDay): string {
  if (t.mi === 0 && t.h === 0) return 'midnight';
  if (t.mi === 0 && t.h === 12) return 'noon';
  const mi = t.mi ? `:${String(t.mi).padStart(2, '0')}` : '';
  return `${t.h % 12 === 0 ? 12 : t.h % 12}${mi}${t.h < 12 ? 'am' : 'pm'}`;
}
