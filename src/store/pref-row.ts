import type { DateOrder } from '../core/date-order.js';
import type { PrefValues } from '../core/ports/prefs-store.js';

/** A `prefs` row's value columns, as both stores read them. */
export interface PrefRow {
  time_zone: string | null;
  date_order: DateOrder | null;
}

/** The stored values of a row; undefined when there is no row or nothing is set in it. */
export function prefsFromRow(r: PrefRow | undefined): PrefValues | undefined {
  if (!r || (r.time_zone === null && r.date_order === null)) return undefined;
  const out: PrefValues = {};
  if (r.time_zone !== null) out.timeZone = r.time_zone;
  if (r.date_order !== null) out.dateOrder = r.date_order;
  return out;
}
