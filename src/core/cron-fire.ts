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
 *
 * How (the general path): time is cut at the zone's offset changes into segments of constant
 * offset, in which wall time is instant plus offset. In each segment the first match is one
 * croner call; a segment boundary changes only where matches may start (after a fall-back,
 * fixed-time patterns skip the repeated walls) and adds, for fixed-time patterns, the
 * gap-shifted walls of a spring-forward. So the cost is a few croner calls per offset change
 * passed, whatever the pattern's density: every second across a DST change is as quick as a
 * daily time.
 */
import { cronMatcher, type CronMatcher } from './cron-cache.js';
import { fixedTimeCron, nextFixedTimeFire } from './cron-fixed-time.js';
import { nextOffsetChange, OFFSET_PROBE_MS as PROBE_MS, offsetMinuteMs } from './time/zone-offset.js';

const SECOND = 1000;
const HOUR = 3_600_000;
/** A fixed-time search starts this far before `after`: a gap just before it can shift a wall time past it. */
const LOOK_BACK_MS = 36 * HOUR;
/** Offset changes a search may cross (two a year in DST zones): a safety net, never reached by a valid pattern. */
const MAX_SEGMENTS = 2000;
/**
 * Every zone's offset lies within this of UTC (real ones: -12 h to +14 h), so an instant's
 * wall time is never further than this from it either way.
 */
const MAX_OFFSET_MS = 16 * HOUR;

/**
 * The first instant strictly after `after` at which `pattern` fires in `timeZone`, or null if
 * it never fires again. Throws UserError for an invalid pattern. Seconds-exact; `after`'s
 * milliseconds count (a fire at 09:00:00.000 is not after 09:00:00.500). Fixed-time 5-field
 * patterns take the fast path of cron-fixed-time.ts, everything else {@link scanCronFire}.
 */
export function nextCronFire(pattern: string, timeZone: string, after: Date): Date | null {
  const fixed = fixedTimeCron(pattern);
  if (fixed) {
    const t = nextFixedTimeFire(fixed, timeZone, after.getTime());
    return t === null ? null : new Date(t);
  }
  return scanCronFire(pattern, timeZone, after);
}

/** The general evaluator behind {@link nextCronFire}, segment by segment of constant offset. */
export function scanCronFire(pattern: string, timeZone: string, after: Date): Date | null {
  const matcher = cronMatcher(pattern);
  const t = scanSegments(matcher, timeZone, after.getTime());
  return t === null ? null : new Date(t);
}

function scanSegments(matcher: CronMatcher, timeZone: string, afterMs: number): number | null {
  const fixed = matcher.fixedTime;
  // Matches must map strictly after `after`: in a segment with offset o, walls after afterSec + o.
  const afterSec = Math.floor(afterMs / SECOND) * SECOND;
  let start = fixed ? afterSec - LOOK_BACK_MS : afterSec;
  let offset = offsetMinuteMs(start, timeZone);
  /** Fixed-time, after a fall-back: walls below this already ran with the earlier offset. */
  let wallFloor = -Infinity;
  /** Fixed-time, after a spring-forward: the first gap wall, shifted forward by the gap. */
  let shifted: number | null = null;
  for (let segment = 0; segment < MAX_SEGMENTS; segment++) {
    const lowWall = (): number => Math.max(afterSec + offset, start + offset - SECOND, wallFloor - SECOND);
    let wall = matcher.nextWall(lowWall());
    if (wall !== null && wall - offset > start + PROBE_MS) {
      // Far ahead (a sparse pattern: Feb 29): skip the time in which no matching wall can
      // occur instead of probing offsets across it. Any fire's wall lies after
      // afterSec - MAX_OFFSET_MS, and the fire itself within MAX_OFFSET_MS of its wall.
      const reach = matcher.nextWall(Math.max(start, afterSec) - MAX_OFFSET_MS - SECOND);
      const earliest = reach === null ? null : Math.floor((reach - MAX_OFFSET_MS) / SECOND) * SECOND - SECOND;
      if (reach !== null && earliest !== null && earliest > start + PROBE_MS) {
        // Far past any fall-back or gap handled so far: a fresh segment there.
        start = earliest;
        offset = offsetMinuteMs(start, timeZone);
        wallFloor = -Infinity;
        const low = lowWall();
        // reach is the first match after a lower bound than low: the first after low, if past it.
        wall = low < reach ? reach : matcher.nextWall(low);
      }
    }
    const candidate = wall === null ? null : wall - offset;
    const change = nextOffsetChange(start, candidate ?? start + LOOK_BACK_MS, timeZone);
    if (change === null) {
      if (candidate === null) return shifted;
      return shifted !== null && shifted < candidate ? shifted : candidate;
    }
    // The candidate lies past this segment's end (a different offset holds there). A shifted
    // gap wall lies at the segment's start, before anything later segments hold.
    if (shifted !== null && shifted < change) return shifted;
    const next = offsetMinuteMs(change, timeZone);
    wallFloor = -Infinity;
    shifted = null;
    if (fixed && next < offset) {
      wallFloor = change + offset;
    } else if (fixed && next > offset) {
      // Walls in [change + offset, change + next) do not exist; a fixed time there runs at
      // wall - offset, i.e. shifted forward by the gap, into [change, change + gap).
      const gapWall = matcher.nextWall(Math.max(change + offset - SECOND, afterSec + offset));
      if (gapWall !== null && gapWall < change + next) shifted = gapWall - offset;
    }
    start = change;
    offset = next;
  }
  return null;
}
