/**
 * "10 past midnight" is 00:10, "quarter past midnight" 00:15, as "20 to midnight" is 23:40; on
 * a named day it is asked about as "midnight" is (which night?), with the minutes kept. London,
 * Thursday 3 Dec 2026 12:00 GMT; instants from Intl (test/chat/civil-calendar.ts).
 * Before: every "… past midnight" was refused with "Past which hour?".
 */
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/nl/parse.js';
import { instantOf } from '../chat/civil-calendar.js';

const ZONE = 'Europe/London';
const NOW = instantOf({ y: 2026, m: 12, d: 3 }, 12, 0, ZONE);
const at = (d: number, h: number, mi: number) => instantOf({ y: 2026, m: 12, d }, h, mi, ZONE).toISOString();
const read = (text: string) => parse(text, { now: NOW, timeZone: ZONE });

describe('minutes past midnight', () => {
  it.each([
    ['remind me at 10 past midnight to lock up', at(4, 0, 10)],
    ['quarter past midnight lock up', at(4, 0, 15)],
    ['half past midnight lock up', at(4, 0, 30)],
    ['tonight at 10 past midnight lock up', at(4, 0, 10)],
    ['20 to midnight lock up', at(3, 23, 40)],
  ])('"%s" is the coming %s', (text, when) => {
    const r = read(text);
    if (!r.ok) throw new Error(r.error);
    expect(r.next[0]?.toISOString()).toBe(when);
    expect(r.text).toBe('lock up');
  });

  it('"every day at 10 past midnight" is every 00:10', () => {
    const r = read('every day at 10 past midnight lock up');
    if (!r.ok) throw new Error(r.error);
    expect(r.next.slice(0, 2).map((d) => d.toISOString())).toEqual([at(4, 0, 10), at(5, 0, 10)]);
  });

  it.each([
    ['tomorrow at 10 past midnight lock up', 'on dec 5 at 00:10 lock up', at(5, 0, 10)],
    ['every friday at 10 past midnight lock up', 'every saturday at 00:10 lock up', at(5, 0, 10)],
    [
      'every month on the 1st at 10 past midnight pay rent',
      'every month on the 1st at 00:10 pay rent',
      instantOf({ y: 2027, m: 1, d: 1 }, 0, 10, ZONE).toISOString(),
    ],
  ])('"%s" on a named day is asked; the example "%s" works', (text, example, first) => {
    const r = read(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toContain('00:10');
    expect(r.example).toBe(example);
    const again = read(example);
    if (!again.ok) throw new Error(again.error);
    expect(again.next[0]?.toISOString()).toBe(first);
  });
});
