import { formatInZone } from '../../src/core/time/zoned.js';
import { parse } from '../../src/nl/parse.js';
import type { DateOrder } from '../../src/core/date-order.js';
import type { ParseResult } from '../../src/nl/types.js';

/** Sunday 2026-11-22 10:00 in Berlin, the reference most tests use. */
export const SUNDAY_BERLIN = new Date('2026-11-22T10:00:00+01:00');

export interface Parsed {
  ok: boolean;
  kind?: string;
  text?: string;
  next: string[];
  error?: string;
  spec?: string;
  zone?: string;
}

/** Parses and renders `next` as ISO strings in the result's zone. */
export function p(text: string, opts: { now?: Date | string; tz?: string; order?: DateOrder } = {}): Parsed {
  const now = opts.now === undefined ? SUNDAY_BERLIN : new Date(opts.now);
  const r: ParseResult = parse(text, { now, timeZone: opts.tz ?? 'Europe/Berlin', ...(opts.order ? { dateOrder: opts.order } : {}) });
  if (!r.ok) return { ok: false, next: [], error: r.error };
  return { ok: true, kind: r.kind, text: r.text, next: r.next.map((d) => formatInZone(d, r.timeZone)), spec: r.spec, zone: r.timeZone };
}

/** First fire as ISO in the result's zone, or `rejected`. */
export function first(text: string, opts: Parameters<typeof p>[1] = {}): string {
  const r = p(text, opts);
  return r.ok ? r.next[0]! : 'rejected';
}
