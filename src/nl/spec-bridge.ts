/**
 * The bridge to the core's spec strings (src/core/schedule-spec.ts): parsing explicit forms
 * and formatting the canonical spec of a parsed schedule.
 */
import type { Schedule, ScheduleBounds } from '../core/schedule.js';
import { formatInstant } from './zone-clock.js';

function formatMs(ms: number): string {
  const units: Array<[string, number]> = [['w', 604_800_000], ['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]];
  let rest = ms;
  let out = '';
  for (const [u, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${u}`;
      rest -= n * size;
    }
  }
  return out || `${ms}ms`;
}

/** Canonical spec string of a schedule (placeholder until schedule-spec.ts is in). */
export function formatSpec(schedule: Schedule, zone: string, bounds: ScheduleBounds = {}): string {
  const one = (s: Schedule): string => {
    switch (s.kind) {
      case 'once': return `at:${formatInstant(s.at, zone)}`;
      case 'interval': return `every ${formatMs(s.everyMs)}`;
      case 'calendar': return `every ${s.step} ${s.unit}${s.step > 1 ? 's' : ''} from ${s.anchor}`;
      case 'cron': return `cron:${s.pattern}`;
      case 'multi': return s.triggers.map(one).join(' | ');
      case 'manual': return 'manual';
    }
  };
  let out = one(schedule);
  if (bounds.startAt) out += ` starting ${formatInstant(bounds.startAt, zone)}`;
  if (bounds.endAt) out += ` until ${formatInstant(bounds.endAt, zone)}`;
  if (bounds.maxRuns !== undefined) out += ` times ${bounds.maxRuns}`;
  return out;
}
