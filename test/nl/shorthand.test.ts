import { describe, expect, it } from 'vitest';
import { correctSpelling, editDistance, normalize, originalSpan } from '../../src/nl/shorthand.js';

describe('shorthand normalisation', () => {
  it.each([
    ['tmrw at 9', 'tomorrow at 9'],
    ['2moro 5pm', 'tomorrow 5pm'],
    ['tomorow', 'tomorrow'],
    ['2nite', 'tonight'],
    ['nxt week', 'next week'],
    ['@ 5', 'at 5'],
    ['@5pm', 'at 5pm'],
    ['thurs at 4pm', 'thursday at 4pm'],
    ['10 a.m.', '10 am'],
  ])('"%s" reads as "%s"', (input, expected) => {
    expect(normalize(input).text).toBe(expected);
  });

  it('mentions stay mentions: "@sam" is not "at sam"', () => {
    expect(normalize('remind @sam at 5').text).toBe('remind @sam at 5');
  });

  it('three-letter weekday abbreviations that are words expand only in a date context', () => {
    expect(normalize('fri 3pm').text).toBe('friday 3pm');
    expect(normalize('on sat').text).toBe('on saturday');
    expect(normalize('the sun is out').text).toBe('the sun is out');
    expect(normalize('wed at 9').text).toBe('wednesday at 9');
  });

  it('misspelt weekday and month names are corrected by edit distance', () => {
    expect(correctSpelling('wendsday')).toBe('wednesday');
    expect(correctSpelling('wendesday')).toBe('wednesday');
    expect(correctSpelling('fridya')).toBe('friday');
    expect(correctSpelling('thrusday')).toBe('thursday');
    expect(correctSpelling('decmber')).toBe('december');
  });

  it('ordinary words near a weekday are left alone ("money" is not "monday")', () => {
    expect(correctSpelling('money')).toBeUndefined();
    expect(correctSpelling('friends')).toBeUndefined();
    expect(correctSpelling('sundae')).toBeUndefined();
  });

  it('edit distance counts a transposition as one edit', () => {
    expect(editDistance('firday', 'friday')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
  });

  it('every normalised character maps back to its original span', () => {
    const n = normalize('Call Mom tmrw at 9');
    const i = n.text.indexOf('tomorrow');
    expect(originalSpan(n, i, i + 'tomorrow'.length)).toEqual([9, 13]);
    expect(n.text.slice(0, 8)).toBe('call mom');
  });
});
