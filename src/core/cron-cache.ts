/**
 * croner as a pure wall-clock matcher, cached per pattern.
 *
 * Why not one `Cron` per job: croner >= 10 allocates ~80 KB per `Cron` object (a 10,000-entry
 * year table), so 100,000 jobs would exhaust the heap. We keep one paused `Cron` per distinct
 * pattern in an LRU (with the year table dropped, ~3 KB each) and never let croner arm timers.
 *
 * Why UTC: croner's own DST handling (11.0.1) runs a non-existent 02:30 at 03:00 and a Lord Howe
 * 02:15 at 02:30, which is not Chime's rule (shift by the gap: 03:30, 02:45). So croner only
 * answers "which wall times match?" — evaluated in UTC, where wall time and instant coincide —
 * and src/core/cron-fire.ts maps wall times to instants with Chime's DST rules.
 */
import { Cron } from 'croner';
import { UserError } from './errors.js';

/**
 * Most distinct patterns kept. Each costs ~3 KB once its year table is dropped (see
 * dropYearTable), so ~12 MB at most; if a croner upgrade makes the drop impossible the cache
 * shrinks to {@link CRON_CACHE_MAX_UNTRIMMED} entries of ~80 KB.
 */
export const CRON_CACHE_MAX = 4096;
/** Cache size used when croner's year table cannot be dropped. */
export const CRON_CACHE_MAX_UNTRIMMED = 256;
let cacheMax = CRON_CACHE_MAX;

/**
 * croner's 10,000-entry year table is only read for patterns with a year field (7 parts); in
 * 5/6-part mode the year is always `*` (`starYear`), so the table is dead weight (~78 KB of the
 * ~80 KB a Cron costs). Private state: checked defensively, and every schedule test runs
 * through the trimmed objects.
 */
function dropYearTable(cron: Cron): boolean {
  const pattern = (cron as unknown as { _states?: { pattern?: { starYear?: unknown; year?: unknown } } })._states?.pattern;
  if (pattern?.starYear !== true || !Array.isArray(pattern.year)) return false;
  pattern.year = [];
  return true;
}

/** A compiled pattern. */
export interface CronMatcher {
  /** The pattern as given (after trimming). */
  readonly pattern: string;
  /**
   * True when the seconds, minutes and hours fields contain no `*` and no `/` step
   * (`30 2 * * *`, `0,30 9-17 * * 1-5`, `@daily`): such a job means "at this wall time", so the
   * DST wall-time rules apply. False for `*`/step patterns (`*\/30 * * * *`, `@hourly`), which
   * mean "at every matching moment" and follow real time.
   */
  readonly fixedTime: boolean;
  /**
   * The next matching wall time strictly after `wallMs`, both as "wall time read as UTC"
   * milliseconds, or null if the pattern never matches again (e.g. `0 0 30 2 *`).
   */
  nextWall(wallMs: number): number | null;
}

const NICKNAMES: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** The pattern with a nickname (`@daily`) replaced by its five fields; other text unchanged. */
export function expandNickname(pattern: string): string {
  const p = pattern.trim().replace(/\s+/g, ' ');
  return NICKNAMES[p.toLowerCase()] ?? p;
}

const cache = new Map<string, CronMatcher>();

const CRON_EXAMPLE = '0 9 * * 1-5 (09:00 on weekdays), */15 * * * * (every 15 minutes), @daily';

function compile(pattern: string): CronMatcher {
  const expanded = expandNickname(pattern);
  if (expanded.startsWith('@')) {
    throw new UserError(
      'schedule.invalid',
      `"${pattern}" is not a cron nickname I know.`,
      '@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly',
    );
  }
  const fields = expanded.split(' ');
  if (fields.length > 6) {
    throw new UserError(
      'schedule.invalid',
      `"${pattern}" has ${fields.length} fields; Chime reads 5 (minute hour day month weekday) or 6 with seconds first, and no year field. Remove the extra field${fields.length > 7 ? 's' : ''}.`,
      CRON_EXAMPLE,
    );
  }
  if (fields.length !== 5 && fields.length !== 6) {
    throw new UserError(
      'schedule.invalid',
      `A cron pattern has 5 fields (minute hour day month weekday) or 6 with seconds first; "${pattern}" has ${fields.length}.`,
      CRON_EXAMPLE,
    );
  }
  // Quartz-style `?` ("no specific value", `0 0 12 ? * MON`) means `*`, as in croner 11.
  if (expanded.includes('?')) {
    for (let i = 0; i < fields.length; i++) fields[i] = fields[i]!.replace(/\?/g, '*');
  }
  let cron: Cron;
  try {
    // utcOffset 0 rather than timezone 'UTC': croner then does plain UTC arithmetic with no
    // Intl calls, about 10x faster for the same answers.
    cron = new Cron(fields.join(' '), { utcOffset: 0, paused: true, mode: '5-or-6-parts' });
  } catch (err) {
    const why = err instanceof Error ? err.message.replace(/^CronPattern:\s*/, '') : String(err);
    throw new UserError('schedule.invalid', `"${pattern}" is not a valid cron pattern: ${why}.`, CRON_EXAMPLE);
  }
  if (!dropYearTable(cron)) cacheMax = CRON_CACHE_MAX_UNTRIMMED;
  const timeFields = fields.length === 6 ? fields.slice(0, 3) : fields.slice(0, 2);
  const fixedTime = timeFields.every((f) => !f.includes('*') && !f.includes('/'));
  return {
    pattern,
    fixedTime,
    nextWall(wallMs: number): number | null {
      const next = cron.nextRun(new Date(wallMs));
      return next ? next.getTime() : null;
    },
  };
}

/**
 * The cached matcher for `pattern` (5 or 6 fields or an @nickname). Throws UserError
 * `schedule.invalid` with an example when the pattern is not valid.
 */
export function cronMatcher(pattern: string): CronMatcher {
  const key = pattern.trim();
  const hit = cache.get(key);
  if (hit) {
    // Map keeps insertion order: re-insert to mark as most recently used.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const m = compile(key);
  cache.set(key, m);
  while (cache.size > cacheMax) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
  return m;
}

/** Number of compiled patterns currently cached (for tests and memory checks). */
export function cronCacheSize(): number {
  return cache.size;
}

/** The current cache limit ({@link CRON_CACHE_MAX} unless croner's year table could not be dropped). */
export function cronCacheLimit(): number {
  return cacheMax;
}
