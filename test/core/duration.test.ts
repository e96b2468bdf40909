import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCompactDuration, formatDuration, parseDuration, tryParseDuration } from '../../src/core/duration.js';
import { UserError } from '../../src/core/errors.js';

describe('parseDuration', () => {
  it('reads the compact units s, m, h, d, w', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(parseDuration('1w')).toBe(604_800_000);
  });
  it('adds combined parts, with or without spaces, any case', () => {
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('1H 30M')).toBe(5_400_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('10min')).toBe(600_000);
    expect(parseDuration('500ms')).toBe(500);
  });
  it('a bare number is rejected with both spellings as the fix', () => {
    expect(() => parseDuration('90')).toThrow(UserError);
    expect(() => parseDuration('90')).toThrow(/90s.*90m/);
  });
  it('garbage, unknown units and zero are UserErrors with an example', () => {
    for (const bad of ['', 'abc', '5 months', '5x', 'h', '0s', '1h junk']) {
      try {
        parseDuration(bad);
        expect.unreachable(bad);
      } catch (err) {
        expect(err).toBeInstanceOf(UserError);
        expect((err as UserError).code).toBe('duration.invalid');
        expect((err as UserError).example).toBeTruthy();
      }
    }
  });
  it('tryParseDuration returns undefined instead of throwing', () => {
    expect(tryParseDuration('nope')).toBeUndefined();
  });
});

describe('formatDuration (chat)', () => {
  it('shows the two largest non-zero units', () => {
    expect(formatDuration(9_000_000)).toBe('2 h 30 min');
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(86_400_000 + 300_000)).toBe('1 d 5 min');
    expect(formatDuration(3_723_000)).toBe('1 h 2 min');
    expect(formatDuration(3_723_000, 3)).toBe('1 h 2 min 3 s');
    expect(formatDuration(250)).toBe('250 ms');
    expect(formatDuration(-60_000)).toBe('-1 min');
  });
});

describe('formatCompactDuration', () => {
  it('is canonical and exact', () => {
    expect(formatCompactDuration(5_400_000)).toBe('1h30m');
    expect(formatCompactDuration(1_209_600_000)).toBe('2w');
    expect(formatCompactDuration(1500)).toBe('1s500ms');
  });
  it('round-trips through tryParseDuration for any whole number of ms', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 * 365 * 86_400_000 }), (ms) => {
        expect(tryParseDuration(formatCompactDuration(ms))).toBe(ms);
      }),
    );
  });
});
