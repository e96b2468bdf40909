import type { Job } from '../core/job.js';
import type { Schedule } from '../core/schedule.js';

/** A schedule as a short spec string for tables (`cron:0 9 * * 1-5 Europe/Berlin`, `every 30m`). */
export function describeSchedule(job: Pick<Job, 'schedule' | 'timeZone'>): string {
  const s = specOf(job.schedule);
  const zoned = job.schedule.kind === 'cron' || job.schedule.kind === 'calendar' || job.schedule.kind === 'multi';
  return zoned && job.timeZone !== 'UTC' ? `${s} (${job.timeZone})` : s;
}

function specOf(s: Schedule): string {
  switch (s.kind) {
    case 'once':
      return `at:${s.at.toISOString()}`;
    case 'interval':
      return `every ${duration(s.everyMs)}`;
    case 'cron':
      return `cron:${s.pattern}`;
    case 'calendar':
      return `every ${s.step === 1 ? '' : `${s.step} `}${s.unit}${s.step === 1 ? '' : 's'} from ${s.anchor}`;
    case 'multi':
      return s.triggers.map(specOf).join(' + ');
    case 'manual':
      return 'manual';
  }
}

/** 90 000 -> `1m30s`, 7 200 000 -> `2h`. */
export function duration(ms: number): string {
  const units: Array<[string, number]> = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  let rest = ms;
  let out = '';
  for (const [u, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${u}`;
    rest -= n * size;
  }
  return out || `${ms}ms`;
}
