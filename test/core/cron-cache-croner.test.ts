import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { CRON_CACHE_MAX, cronCacheLimit, cronMatcher } from '../../src/core/cron-cache.js';

/**
 * cron-cache.ts empties croner's private year table (`_states.pattern.year`, read only when
 * `starYear` is false) to keep a compiled pattern at ~3 KB instead of ~80 KB. These tests
 * fail loudly when a croner release moves that state, so the upgrade is checked on purpose
 * instead of silently costing 25x the memory (or, worse, changing fire times).
 */
const UPGRADE = 'croner changed the private state src/core/cron-cache.ts trims (dropYearTable); re-check it before upgrading';

function croner(pattern: string): Cron {
  return new Cron(pattern, { utcOffset: 0, paused: true, mode: '5-or-6-parts' });
}

interface CronerPattern {
  starYear?: unknown;
  year?: unknown;
}

function privatePattern(cron: Cron): CronerPattern | undefined {
  return (cron as unknown as { _states?: { pattern?: CronerPattern } })._states?.pattern;
}

describe('croner internals that cron-cache.ts relies on', () => {
  it('croner is pinned exactly to the version the trim was checked against', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const installed = (createRequire(import.meta.url)('croner/package.json') as { version: string }).version;
    expect(pkg.dependencies.croner, 'croner must stay pinned exactly (no ^ or ~)').toBe('11.0.1');
    expect(installed, UPGRADE).toBe('11.0.1');
  });

  it('a 5- or 6-part pattern keeps its year table as an array under _states.pattern, with starYear', () => {
    for (const p of ['0 9 * * 1-5', '30 0 9 * * *', '0 0 29 2 *']) {
      const pattern = privatePattern(croner(p));
      expect(pattern, UPGRADE).toBeDefined();
      expect(pattern?.starYear, UPGRADE).toBe(true);
      const year = pattern?.year;
      expect(Array.isArray(year), UPGRADE).toBe(true);
      expect((year as unknown[]).length, UPGRADE).toBeGreaterThan(1000);
    }
  });

  it('the cache really trims: its limit stays at CRON_CACHE_MAX after compiling', () => {
    cronMatcher('17 4 * * 2');
    expect(cronCacheLimit(), UPGRADE).toBe(CRON_CACHE_MAX);
  });

  it('an emptied year table changes no answer', () => {
    const patterns = ['0 9 * * 1-5', '*/15 * * * *', '0 0 29 2 *', '0 12 31 * *', '30 0 9 * * 6', '0 0 1 1 *'];
    for (const p of patterns) {
      const whole = croner(p);
      const trimmed = cronMatcher(p);
      let at = Date.parse('2026-01-01T00:00:00Z');
      for (let i = 0; i < 40; i++) {
        const expected = whole.nextRun(new Date(at))?.getTime() ?? null;
        expect(trimmed.nextWall(at), `${p} after ${new Date(at).toISOString()}`).toBe(expected);
        if (expected === null) break;
        at = expected;
      }
    }
  });
});
