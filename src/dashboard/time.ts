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
