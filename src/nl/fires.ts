/**
 * Upcoming fire times of a parsed schedule, for the `next` list and for checking that a
 * schedule fires at all.
 */
import { Cron } from 'croner';
import type { Schedule, ScheduleBounds } from '../core/schedule.js';
import { addDays, addMonths, type Wall } from './calendar.js';
import { fromWall, toWall } from './zone-clock.js';

const cronCache = new Map<string, Cron>();

/** Croner instances are reusable; building one parses the pattern. */
function cronFor(pattern: string): Cron {
  let c = cronCache.get(pattern);
  if (!c) {
    c = new Cron(pattern, { timezone: 'UTC', paused: true });
    if (cronCache.size > 500) cronCache.clear();
    cronCache.set(pattern, c);
  }
  return c;
}

type Trigger = Exclude<Schedule, { kind: 'multi' } | { kind: 'manual' }>;

function parseAnchor(anchor: string): Wall {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(anchor);
  if (!m) throw new Error(`bad calendar anchor ${anchor}`);
  return { y: +m[1]!, m: +m[2]!, d: +m[3]!, h: +m[4]!, mi: +m[5]!, s: +m[6]! };
}

/** Fires of one trigger strictly after `after`, at most `n`, not after `until`. */
function triggerFires(t: Trigger, zone: string, after: Date, n: number, until: number): Date[] {
  const out: Date[] = [];
  const a = after.getTime();
  switch (t.kind) {
    case 'once':
      if (t.at.getTime() > a && t.at.getTime() <= until) out.push(t.at);
      return out;
    case 'interval': {
      const k = Math.max(0, Math.floor((a - t.anchor.getTime()) / t.everyMs) + 1);
      for (let i = 0; out.length < n; i++) {
        const at = t.anchor.getTime() + (k + i) * t.everyMs;
        if (at <= a) continue;
        if (at > until) break;
        out.push(new Date(at));
      }
      return out;
    }
    case 'calendar': {
      const anchor = parseAnchor(t.anchor);
      for (let k = 0; out.length < n && k < 100_000; k++) {
        const date =
          t.unit === 'day' ? addDays(anchor, k * t.step)
          : t.unit === 'week' ? addDays(anchor, 7 * k * t.step)
          : t.unit === 'month' ? addMonths(anchor, k * t.step)
          : addMonths(anchor, 12 * k * t.step);
        const at = fromWall({ ...anchor, y: date.y, m: date.m, d: date.d }, zone);
        if (at.getTime() > until) break;
        if (at.getTime() > a) out.push(at);
      }
      return out;
    }
    case 'cron': {
      // Evaluate the pattern on wall-clock time (as if the zone were UTC), then place each wall
      // time in the zone: gap times shift forward, repeated ones take their first occurrence.
      const cron = cronFor(t.pattern);
      const w = toWall(after, zone);
      let prev = new Date(Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s) - 3 * 3_600_000);
      let lastMs = -Infinity;
      for (let guard = 0; out.length < n && guard < n + 400; guard++) {
        const next = cron.nextRun(prev);
        if (!next) break;
        prev = next;
        const at = fromWall({ y: next.getUTCFullYear(), m: next.getUTCMonth() + 1, d: next.getUTCDate(), h: next.getUTCHours(), mi: next.getUTCMinutes(), s: next.getUTCSeconds() }, zone);
        if (at.getTime() <= a || at.getTime() <= lastMs) continue;
        if (at.getTime() > until) break;
        out.push(at);
        lastMs = at.getTime();
      }
      return out;
    }
  }
}

/**
 * The first `n` fires after `after`, honouring bounds (`maxRuns` counts from the first fire,
 * as for a job that has not run yet).
 */
export function upcomingFires(schedule: Schedule, zone: string, after: Date, n: number, bounds: ScheduleBounds = {}): Date[] {
  if (schedule.kind === 'manual') return [];
  const from = bounds.startAt && bounds.startAt.getTime() - 1 > after.getTime() ? new Date(bounds.startAt.getTime() - 1) : after;
  const until = bounds.endAt ? bounds.endAt.getTime() : Infinity;
  const limit = Math.min(n, bounds.maxRuns ?? Infinity);
  const triggers = schedule.kind === 'multi' ? schedule.triggers : [schedule];
  const all = triggers.flatMap((t) => triggerFires(t, zone, from, limit, until));
  const unique = [...new Set(all.map((d) => d.getTime()))].sort((x, y) => x - y);
  return unique.slice(0, limit).map((ms) => new Date(ms));
}
