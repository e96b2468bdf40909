import type { Job } from '../core/job.js';
import { expandNickname } from '../core/cron-cache.js';
import { type FixedTimeCron, fixedTimeCron } from '../core/cron-fixed-time.js';
import type { Schedule } from '../core/schedule.js';
import { parseWallTime } from '../core/time/civil.js';
import { formatSpan } from './format.js';

/**
 * A job's rule in words, as /list shows it: "every weekday at 09:00, Europe/Berlin",
 * "every 10 minutes", "every 2 weeks on Tuesday at 08:00, Europe/Berlin". Wall-clock rules
 * name their zone (their times are that zone's); a cron pattern with no plain reading is shown
 * as it is ("cron 0 9-17/2 * * 1-5").
 */

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function joinWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "every 10 minutes", "every hour", "every 1 hour 30 minutes". */
function every(ms: number): string {
  const span = formatSpan(ms);
  return `every ${span.replace(/^1 (minute|hour|day)$/, '$1')}`;
}

function weekdaysInWords(set: Set<number>): string {
  const days = [...set].sort((a, b) => a - b);
  const key = days.join(',');
  if (key === '1,2,3,4,5') return 'every weekday';
  if (key === '0,6') return 'every Saturday and Sunday';
  if (days.length === 7) return 'every day';
  // Monday first, as people list a week.
  const mondayFirst = [...days.filter((d) => d !== 0), ...days.filter((d) => d === 0)];
  return `every ${joinWords(mondayFirst.map((d) => WEEKDAYS[d] as string))}`;
}

function monthsInWords(months: Set<number>): string {
  return joinWords([...months].sort((a, b) => a - b).map((m) => MONTHS[m - 1] as string));
}

/** The days a fixed-time cron fires on, in words ("every weekday", "on the 1st of every month"). */
function cronDaysInWords(c: FixedTimeCron): string {
  const inMonths = c.months ? ` of ${monthsInWords(c.months)}` : ' of every month';
  if (c.nth) {
    const which = c.nth.map((x) => `${x.n === 'L' ? 'last' : ordinal(x.n)} ${WEEKDAYS[x.weekday]}`);
    return `on the ${joinWords(which)}${inMonths}`;
  }
  if (c.dows) return `${weekdaysInWords(c.dows)}${c.months ? ` in ${monthsInWords(c.months)}` : ''}`;
  if (c.dom) {
    const days = [...c.dom].map((d) => (d === 'L' ? 'last day' : ordinal(d)));
    const [only] = [...c.dom];
    if (c.months?.size === 1 && c.dom.size === 1 && only !== 'L') return `every year on ${only} ${monthsInWords(c.months)}`;
    return `on the ${joinWords(days)}${inMonths}`;
  }
  return c.months ? `every day in ${monthsInWords(c.months)}` : 'every day';
}

/** A cron pattern in words, or undefined when it has no plain reading. */
function cronInWords(pattern: string): string | undefined {
  const fields = expandNickname(pattern).split(' ');
  const [minute = '', hour = '', ...days] = fields;
  const everyDay = fields.length === 5 && days.every((f) => f === '*');
  const step = /^\*\/(\d+)$/.exec(minute);
  if (everyDay && step && hour === '*') return every(Number(step[1]) * 60_000);
  if (everyDay && minute === '0' && hour === '*') return 'every hour';
  const c = fixedTimeCron(pattern);
  if (!c || c.hours.length > 6) return undefined;
  return `${cronDaysInWords(c)} at ${joinWords(c.hours.map((h) => `${pad(h)}:${pad(c.minute)}`))}`;
}

/** A calendar rule from its anchor (a local wall time `YYYY-MM-DDTHH:mm:ss`). */
function calendarInWords(s: Extract<Schedule, { kind: 'calendar' }>): string {
  const {
    month: mo,
    day: d,
    hour: h,
    minute: mi,
    weekday: wd,
  } = parseWallTime(s.anchor) ?? { month: 1, day: 1, hour: 0, minute: 0, weekday: 6 };
  const time = `at ${pad(h)}:${pad(mi)}`;
  const unit = s.step === 1 ? s.unit : `${s.step} ${s.unit}s`;
  const weekday = WEEKDAYS[wd] as string;
  switch (s.unit) {
    case 'day':
      return `every ${unit} ${time}`;
    case 'week':
      return `every ${unit} on ${weekday} ${time}`;
    case 'month':
      return `every ${unit} on the ${ordinal(d)} ${time}`;
    case 'year':
      return `every ${unit} on ${d} ${MONTHS[mo - 1]} ${time}`;
  }
}

function triggerInWords(s: Schedule): { words: string; wallClock: boolean } {
  switch (s.kind) {
    case 'once':
      return { words: 'once', wallClock: false };
    case 'manual':
      return { words: 'only when run by hand', wallClock: false };
    case 'interval':
      return { words: every(s.everyMs), wallClock: false };
    case 'calendar':
      return { words: calendarInWords(s), wallClock: true };
    case 'cron':
      return { words: cronInWords(s.pattern) ?? `cron ${s.pattern}`, wallClock: true };
    case 'multi': {
      const parts = s.triggers.map(triggerInWords);
      const repeating = parts.filter((p) => p.words !== 'once');
      const onceCount = parts.length - repeating.length;
      const words = [...repeating.map((p) => p.words), ...(onceCount ? [`${onceCount} set time${onceCount === 1 ? '' : 's'}`] : [])];
      return { words: joinWords(words), wallClock: parts.some((p) => p.wallClock) };
    }
  }
}

/** The rule of `job` in words, with its zone when its times are wall-clock times. */
export function ruleInWords(job: Pick<Job, 'schedule' | 'timeZone'>): string {
  const { words, wallClock } = triggerInWords(job.schedule);
  return wallClock ? `${words}, ${job.timeZone}` : words;
}
