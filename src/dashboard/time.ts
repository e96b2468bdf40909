const UNITS: Array<[limitMs: number, unitMs: number, unit: string]> = [
  [90_000, 1000, 's'],
  [90 * 60_000, 60_000, 'min'],
  [36 * 3600_000, 3600_000, 'h'],
  [60 * 86_400_000, 86_400_000, 'd'],
  [Number.POSITIVE_INFINITY, 30 * 86_400_000, 'mo'],
];

/** "in 5 min", "3 h ago", "now": how far an instant is from `nowMs`, rounded to one unit. */
export function relative(atMs: number, nowMs: number): string {
  const diff = atMs - nowMs;
  const abs = Math.abs(diff);
  if (abs < 1000) return 'now';
  for (const [limit, unitMs, unit] of UNITS) {
    if (abs < limit) {
      const n = Math.round(abs / unitMs);
      return diff > 0 ? `in ${n} ${unit}` : `${n} ${unit} ago`;
    }
  }
  return '';
}

/** An ISO instant in the reader's own zone, for run history ("Nov 22, 10:04:05"). */
export function localTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** The IANA zones this browser knows, for the editor's zone field. */
export function knownZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? [];
}

export const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A time the API gives in a job's zone ("2026-12-03T09:00:00+01:00"), shown as "2026-12-03 09:00+01:00". */
export const zoned = (local: string | null | undefined): string => (local ?? '').replace(/T(\d\d:\d\d)(:00)?/, ' $1');
