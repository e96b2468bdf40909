import { describe, expect, it } from 'vitest';
import { clip } from '../../src/core/text-limit.js';

describe('clip (platform length limits)', () => {
  it('leaves text within the limit alone and marks a cut with …', () => {
    expect(clip('stretch', 7)).toBe('stretch');
    expect(clip('stretch now', 8)).toBe('stretch…');
    expect(clip('stretch now', 8)).toHaveLength(8);
  });

  it('never splits a surrogate pair (half an emoji)', () => {
    const out = clip('ab😀cd', 4); // "ab" + high surrogate would be cut at 3
    expect(out).toBe('ab…');
    expect(encodeURIComponent(out)).toBe('ab%E2%80%A6'); // throws on a lone surrogate
  });
});
