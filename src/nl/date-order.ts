/**
 * Default numeric date order for a zone: month first (12/24) in the United States, day first
 * (24/12) everywhere else. A user or chat setting overrides it.
 */
import type { DateOrder } from '../core/date-order.js';

const US_ZONES = new Set([
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Phoenix',
  'America/Anchorage',
  'America/Detroit',
  'America/Boise',
  'America/Juneau',
  'America/Sitka',
  'America/Nome',
  'America/Adak',
  'America/Yakutat',
  'America/Metlakatla',
  'America/Menominee',
  'Pacific/Honolulu',
  'America/Puerto_Rico',
  'Pacific/Guam',
]);

/** `mdy` for US zones (including the legacy `US/*` names), `dmy` elsewhere. */
export function defaultDateOrder(timeZone: string): DateOrder {
  if (US_ZONES.has(timeZone) || timeZone.startsWith('US/')) return 'mdy';
  if (/^America\/(Indiana|Kentucky|North_Dakota)\//.test(timeZone)) return 'mdy';
  return 'dmy';
}
