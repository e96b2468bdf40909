import { describe, expect, it } from 'vitest';
import { suspiciousDateWord } from '../../src/nl/suspicious.js';
import { p } from './helpers.js';

describe('date-like words we cannot read are rejected with a hint, never half-read', () => {
  it('"mrach 5 at 9" is not today at 21:00', () => {
    const r = p('mrach 5 at 9');
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/march/);
  });

  it('a one-letter typo only counts when it drops or swaps letters ("match 5" is text)', () => {
    expect(suspiciousDateWord('match 5 ')).toBeUndefined();
    expect(suspiciousDateWord('set 5 alarms')).toBeUndefined();
    expect(suspiciousDateWord('jnue 3')?.error).toMatch(/june/);
  });

  it('unknown words ending in "day" near a weekday are rejected with the likely day', () => {
    expect(suspiciousDateWord('see you thrday')?.error).toMatch(/thursday/);
    expect(suspiciousDateWord('happy birthday')).toBeUndefined();
    expect(suspiciousDateWord('holiday party')).toBeUndefined();
  });
});
