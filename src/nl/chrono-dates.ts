/**
 * chrono-node as the last recogniser: absolute date formats our own grammar does not know
 * ("Thursday, 24th of December 2026", "Dec. 24th '26"). Only results that name a calendar
 * day (month and day certain) are taken; weekday-only and time-only readings are ours, because
 * chrono's conventions for them differ from ours in src/nl/README.md (it keeps today for "friday", 12:00 for a
 * bare date, a 24-hour "at 3").
 */
// The English locale alone: the package root loads every locale (~900 modules, ~12 MB of a
// running process's memory) and only English is parsed here.
import * as chrono from 'chrono-node/en';
import { maskClaimed, type Piece } from './pieces.js';
import type { Ctx } from './resolve.js';
import type { DateOrder } from '../core/date-order.js';

/** Built once: chrono parsers are reusable and cost more to build than to run. */
const chronoStrict = {
  dmy: new chrono.Chrono(chrono.configuration.createConfiguration(true, true)),
  mdy: new chrono.Chrono(chrono.configuration.createConfiguration(true, false)),
};

/**
 * chrono's pass over text our grammar left alone: only results that name a calendar day
 * (month and day known) are taken; weekday-only and time-only guesses are ours to make.
 */
export function chronoPieces(text: string, claimed: boolean[], ctx: Ctx, dateOrder: DateOrder): Piece[] {
  const masked = maskClaimed(text, claimed);
  // chrono only adds dates that name a month or use digits; skip the call otherwise.
  if (!/\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/.test(masked)) return [];
  const ref = new Date(Date.UTC(ctx.wall.y, ctx.wall.m - 1, ctx.wall.d, ctx.wall.h, ctx.wall.mi, ctx.wall.s));
  const pieces: Piece[] = [];
  for (const r of chronoStrict[dateOrder].parse(masked, { instant: ref, timezone: 0 })) {
    const s = r.start;
    if (!s.isCertain('month') || !s.isCertain('day')) continue;
    const piece: Piece = { start: r.index, end: r.index + r.text.length, source: 'chrono' };
    const y = s.isCertain('year') ? (s.get('year') ?? undefined) : undefined;
    piece.date =
      y !== undefined ? { kind: 'ymd', y, m: s.get('month')!, d: s.get('day')! } : { kind: 'ymd', m: s.get('month')!, d: s.get('day')! };
    if (s.isCertain('hour')) piece.time = { h: s.get('hour')!, mi: s.get('minute') ?? 0, s: s.get('second') ?? 0, bare: false };
    for (let i = piece.start; i < piece.end; i++) claimed[i] = true;
    pieces.push(piece);
  }
  return pieces;
}
