/**
 * A repeat of hours or minutes on one day ("every hour from 9 to 5 tomorrow", "every 10 minutes
 * today"): the day bounds the repeat, from its 00:00 (or now, today) through its 23:59:59. Read
 * as two schedules, it was the repeat for good plus a one-off at 09:00 that day. Without a
 * window of hours on another day ("every hour tomorrow") it is asked: from when?
 */
import type { ScheduleBounds } from '../core/schedule.js';
import { at, fromWall } from './calendar.js';
import type { Bounds, Group } from './groups.js';
import { placeDate, Reject, type Ctx } from './resolve.js';
import { settleWindow } from './minute-window.js';

function subDaily(g: Group): boolean {
  return g.repeats.some((r) => r.kind === 'every' && (r.unit === 'hour' || r.unit === 'minute' || r.unit === 'second'));
}

/** A group that names only a day: no repeat, time, day part or window ("tomorrow", "on dec 24"). */
function dayOnly(g: Group): boolean {
  return (
    g.repeats.length === 0 &&
    g.times.length === 0 &&
    !g.defaultTime &&
    !g.window &&
    g.duration === undefined &&
    g.dates.length === 1 &&
    g.dates[0]!.kind !== 'weekday'
  );
}

/**
 * The groups left and the day's bounds, when the request is a repeat of hours or minutes with
 * one day named apart from it; undefined when it is not such a request.
 */
export function oneDayRepeat(groups: Group[], written: Bounds, ctx: Ctx): { groups: Group[]; bounds: ScheduleBounds } | Reject | undefined {
  const days = groups.filter(dayOnly);
  const repeats = groups.filter(subDaily);
  if (days.length === 0 || repeats.length === 0) return undefined;
  if (
    days.length > 1 ||
    days.length + repeats.length !== groups.length ||
    written.start ||
    written.end ||
    written.during ||
    written.forDuration
  ) {
    return new Reject('One day per repeat of hours, please, with no other start or end.', 'every hour from 9am to 5pm tomorrow ping');
  }
  const placed = placeDate(days[0]!.dates[0]!, ctx);
  if (placed instanceof Reject) return placed;
  const start = fromWall(at(placed.date, 0), ctx.zone);
  const end = fromWall(at(placed.date, 23, 59, 59), ctx.zone);
  if (end.getTime() <= ctx.now.getTime())
    return new Reject('That day has already passed. Say a day from today on.', 'every hour from 9am to 5pm tomorrow ping');
  const today = start.getTime() <= ctx.now.getTime();
  if (!today && repeats.some((g) => !g.window)) {
    // every hour of that day from 00:00, or from its morning? no convention to lean on
    return new Reject('From when on that day? Give the hours, like "from 9am to 5pm".', 'every hour from 9am to 5pm tomorrow ping');
  }
  const wraps = repeats.some((g) => {
    if (!g.window) return false;
    const { from, to } = settleWindow(g.window.from, g.window.to);
    return to.h * 60 + to.mi <= from.h * 60 + from.mi;
  });
  if (wraps) {
    // the hours after midnight fall on the next day, outside the day named
    return new Reject(
      'A window past midnight runs into the next day: make one reminder until midnight and one from midnight on the next day.',
      'every hour from 6pm to 11pm tomorrow ping',
    );
  }
  return { groups: repeats, bounds: { ...(today ? {} : { startAt: start }), endAt: end } };
}
