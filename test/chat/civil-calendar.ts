/**
 * Wall clock and calendar arithmetic for tests, from Intl alone: an expectation must not come
 * from the code under test (src/core/time), so this is a second, independent reading of the
 * zone rules.
 */

export interface Wall {
  y: number;
  m: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  /** 0 = Sunday. */
  wd: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The wall clock in `zone` at `at`. */
export function wallOf(at: Date, zone: string): Wall {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(zone, f);
  }
  const part = (type: string) => f.formatToParts(at).find((p) => p.type === type)!.value;
  return {
    y: Number(part('year')),
    m: Number(part('month')),
    d: Number(part('day')),
    h: Number(part('hour')),
    mi: Number(part('minute')),
    s: Number(part('second')),
    wd: WEEKDAYS.indexOf(part('weekday')),
  };
}

/** The civil day `n` days after y-m-d (any n), with its weekday. */
export function addDays(day: { y: number; m: number; d: number }, n: number): { y: number; m: number; d: number; wd: number } {
  const t = new Date(Date.UTC(day.y, day.m - 1, day.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), wd: t.getUTCDay() };
}

/** Days in month m of year y. */
export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * The instant of a wall time in `zone`: the first of two when clocks go back; a time clocks
 * skip is moved forward by the jump (02:30 on a spring-forward night is 03:30), the convention
 * the product promises and says in its confirmation.
 */
export function instantOf(day: { y: number; m: number; d: number }, h: number, mi: number, zone: string, s = 0): Date {
  const asUtc = Date.UTC(day.y, day.m - 1, day.d, h, mi, s);
  const offsets = new Set([-36, -12, 0, 12, 36].map((hours) => offsetAt(new Date(asUtc + hours * 3_600_000), zone)));
  const matches = [...offsets]
    .map((o) => asUtc - o)
    .filter((t) => {
      const w = wallOf(new Date(t), zone);
      return w.y === day.y && w.m === day.m && w.d === day.d && w.h === h && w.mi === mi;
    })
    .sort((a, b) => a - b);
  if (matches.length > 0) return new Date(matches[0]!);
  // In a gap: read with the offset before the jump, which lands that much later on the clock.
  return new Date(asUtc - offsetAt(new Date(asUtc - 36 * 3_600_000), zone));
}

/** UTC offset of `zone` at `at`, in ms. */
function offsetAt(at: Date, zone: string): number {
  const w = wallOf(at, zone);
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}
