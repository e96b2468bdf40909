/**
 * Bounds of a recurring request as instants: "starting next monday" (from 00:00 that day),
 * "until dec 31" (through the end of that day), "until 6 pm", "for 5 times", "for 8 weeks".
 */
import type { ScheduleBounds } from '../core/schedule.js';
import { at, daysInMonth, fromWall } from './calendar.js';
import type { Bounds } from './groups.js';
import { resolveOnce } from './instant.js';
import { addDuration, makeCtx, placeDate, Reject, type Ctx } from './resolve.js';

/** Start/end/count bounds as instants; a start already passed is dropped. */
export function resolveBounds(b: Bounds, ctx: Ctx): ScheduleBounds | Reject {
  const out: ScheduleBounds = {};
  if (b.start) {
    const start = startBound(b.start, ctx);
    if (start instanceof Reject) return start;
    if (start && start.getTime() > ctx.now.getTime()) out.startAt = start;
  }
  if (b.during?.date) {
    // "every monday in march": from the 1st through the last day of that month
    const placed = placeDate({ ...b.during.date, ...(b.during.date.kind === 'month' ? { end: false } : {}) }, ctx);
    if (placed instanceof Reject) return placed;
    const start = fromWall(at(placed.date, 0), ctx.zone);
    if (start.getTime() > ctx.now.getTime()) out.startAt = start;
    out.endAt = fromWall(at({ ...placed.date, d: daysInMonth(placed.date.y, placed.date.m) }, 23, 59, 59), ctx.zone);
  }
  if (b.end) {
    const end = endBound(b.end, ctx, out.startAt);
    if (end instanceof Reject) return end;
    if (end) out.endAt = end;
  }
  if (b.forDuration) out.endAt = addDuration(ctx, b.forDuration, out.startAt ?? ctx.now);
  if (b.count !== undefined) {
    if (b.count < 1) return new Reject('Repeat at least once.', 'every 8 hours for 5 times');
    out.maxRuns = b.count;
  }
  return out;
}

/** "starting next monday": from 00:00 that day; "starting at 9am": that instant. */
function startBound(p: NonNullable<Bounds['start']>, ctx: Ctx): Date | undefined | Reject {
  if (p.date && !p.time) {
    const placed = placeDate(p.date, ctx);
    if (placed instanceof Reject) return placed;
    return fromWall(at(placed.date, 0), ctx.zone);
  }
  const r = resolveOnce(
    {
      repeats: [],
      dates: p.date ? [p.date] : [],
      times: p.time ? [p.time] : [],
      past: !!p.past,
      anchorAt: 0,
      timeAt: [],
      ...(p.duration ? { duration: p.duration } : {}),
    },
    ctx,
  );
  return r instanceof Reject ? r : r[0];
}

/** "until dec 31": through the end of that day; "until january": until it begins; "until 9pm": the first 9pm after the start. */
function endBound(p: NonNullable<Bounds['end']>, ctx: Ctx, startAt: Date | undefined): Date | undefined | Reject {
  if (p.past) return new Reject('The end of that repeat is already in the past.', 'every day at 9 until dec 31');
  if (p.date?.kind === 'month') {
    // "until january": up to the moment January begins; "through january", "until the end
    // of january": through its last day
    const placed = placeDate(p.date, ctx);
    if (placed instanceof Reject) return placed;
    return p.date.end ? fromWall(at(placed.date, 23, 59, 59), ctx.zone) : new Date(fromWall(at(placed.date, 0), ctx.zone).getTime() - 1000);
  }
  if (p.date && !p.time) {
    const placed = placeDate(p.date, ctx);
    if (placed instanceof Reject) return placed;
    const endDay = placed.defaultTime ? at(placed.date, placed.defaultTime.h, placed.defaultTime.mi) : at(placed.date, 23, 59, 59);
    return fromWall(endDay, ctx.zone);
  }
  // "starting at 9am until 9pm": a bare end time is the first one after the start
  const from = !p.date && startAt ? makeCtx(startAt, ctx.zone) : ctx;
  const r = resolveOnce(
    {
      repeats: [],
      dates: p.date ? [p.date] : [],
      times: p.time ? [p.time] : [],
      past: false,
      anchorAt: 0,
      timeAt: [],
      ...(p.defaultTime ? { defaultTime: p.defaultTime } : {}),
    },
    from,
  );
  return r instanceof Reject ? r : r[0];
}
