/**
 * Next fire time of a cron pattern in a time zone, with Chime's DST rules.
 *
 * croner (in UTC, see cron-cache.ts) lists the matching wall times; each is mapped to instants:
 * - Wall time exists once: that instant.
 * - Wall time falls in a spring-forward gap:
 *   - fixed-time patterns (no `*` or `/` in seconds/minutes/hours, e.g. `30 2 * * *`, `@daily`)
 *     run shifted forward by the gap: 02:30 -> 03:30 (Lord Howe, 30-min gap: 02:15 -> 02:45);
 *   - `*`/step patterns (`*\/30 * * * *`, `@hourly`) skip it: that moment never happens, and
 *     they run at the next real matching moment (03:00).
 * - Wall time happens twice (fall back):
 *   - fixed-time patterns run once, at the first occurrence (01:30 EDT, not 01:30 EST);
 *   - `*`/step patterns run at both occurrences, because both are real moments that match
 *     (`*\/30` on 2027-11-07 in New York: 01:00 EDT, 01:30 EDT, 01:00 EST, 01:30 EST, 02:00 EST).
 *     This is the classic cron convention (Vixie cron reruns wildcard jobs, not fixed-time ones).
 * Never twice at one instant: a gap-shifted 02:30 and a real 03:30 coincide and fire once,
 * because the result is always strictly after `after`.
 */
import { cronMatcher } from './cron-cache.js';
import { fixedTimeCron, nextFixedTimeFire } from './cron-fixed-time.js';
import { offsetMinutes } from './zoned-time.js';

const MIN = 60_000;
const HOUR = 3_600_000;
/** Offsets are sampled this far either side: wider than any gap/overlap, narrower than two transitions. */
const SPAN = 36 * HOUR;
/** Safety net against a pattern whose matches are all skipped; ~3 days of per-second matches. */
const MAX_STEPS = 300_000;

function offMs(ms: number, timeZone: string): number {
  return offsetMinutes(new Date(ms), timeZone) * MIN;
}

/** Largest minus smallest UTC offset within ±SPAN of `ms` (0 away from DST changes). */
function offsetSpread(ms: number, timeZone: string): number {
  const a = offMs(ms - SPAN, timeZone);
  const b = offMs(ms, timeZone);
  const c = offMs(ms + SPAN, timeZone);
  return Math.max(a, b, c) - Math.min(a, b, c);
}

/**
 * Instants at which `timeZone` shows the wall time `wallMs` (wall time read as UTC), in
 * increasing order: one normally, two in an overlap, none in a gap. `gapShifted` is the
 * shifted-by-the-gap instant for a gap (offset in force before the jump).
 */
export function instantsOfWall(wallMs: number, timeZone: string): { instants: number[]; gapShifted: number; steady: boolean } {
  const before = offMs(wallMs - SPAN, timeZone);
  const after = offMs(wallMs + SPAN, timeZone);
  // Fast path: no offset change within a day and a half, so exactly one instant.
  if (before === after) return { instants: [wallMs - before], gapShifted: wallMs - before, steady: true };
  const here = offMs(wallMs, timeZone);
  const instants: number[] = [];
  for (const off of new Set([before, here, after])) {
    const t = wallMs - off;
    if (offMs(t, timeZone) === off && !instants.includes(t)) instants.push(t);
  }
  instants.sort((x, y) => x - y);
  return { instants, gapShifted: wallMs - before, steady: false };
}

/**
 * The first instant strictly after `after` at which `pattern` fires in `timeZone`, or null if
 * it never fires again. Throws UserError for an invalid pattern. Seconds-exact; `after`'s
 * milliseconds count (a fire at 09:00:00.000 is not after 09:00:00.500). Fixed-time patterns
 * take the fast path of cron-fixed-time.ts, everything else {@link scanCronFire}.
 */
export function nextCronFire(pattern: string, timeZone: string, after: Date): Date | null {
  const fixed = fixedTimeCron(pattern);
  if (fixed) {
    const t = nextFixedTimeFire(fixed, timeZone, after.getTime());
    return t === null ? null : new Date(t);
  }
  return scanCronFire(pattern, timeZone, after);
}

/** The general evaluator behind {@link nextCronFire}: croner's wall-time matches mapped to instants. */
export function scanCronFire(pattern: string, timeZone: string, after: Date): Date | null {
  const matcher = cronMatcher(pattern);
  const afterMs = after.getTime();
  // Start the wall-time scan early enough to see wall times that map past `after` despite an
  // offset change: the second occurrence of 01:30 when `after` is 01:45 EDT, or a gap-shifted
  // 02:30 (= 03:30) when `after` is 03:10.
  const offAfter = offMs(afterMs, timeZone);
  const spreadAfter = Math.max(
    Math.abs(offMs(afterMs - SPAN, timeZone) - offAfter),
    Math.abs(offMs(afterMs + SPAN, timeZone) - offAfter),
  );
  const wallAfter = Math.floor(afterMs / 1000) * 1000 + offAfter;
  let cursor = wallAfter - spreadAfter - 1000;
  let best: number | undefined;
  let stopWall = Infinity;
  for (let step = 0; step < MAX_STEPS; step++) {
    const wall = matcher.nextWall(cursor);
    if (wall === null || wall > stopWall) break;
    cursor = wall;
    const { instants, gapShifted, steady } = instantsOfWall(wall, timeZone);
    let candidates: number[];
    if (instants.length === 0) candidates = matcher.fixedTime ? [gapShifted] : [];
    else candidates = matcher.fixedTime ? instants.slice(0, 1) : instants;
    for (const t of candidates) {
      if (t > afterMs && (best === undefined || t < best)) best = t;
    }
    // Once something fires, a later wall time can only map to an earlier instant across a
    // fall-back change near it; with steady offsets around this wall time (and none near
    // `after`) the first fire is the answer.
    if (best !== undefined && stopWall === Infinity) {
      if (steady && spreadAfter === 0) break;
      stopWall = wall + offsetSpread(best, timeZone);
    }
  }
  return best === undefined ? null : new Date(best);
}
