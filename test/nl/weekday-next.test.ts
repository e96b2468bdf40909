/**
 * British "friday next" reads as "next friday" does: asked when it may be this week's Friday,
 * never with "next" left in the reminder's text. London, Thursday 3 Dec 2026 12:00 GMT.
 * Before: "remind me on friday next at 9 to call jo" was Fri 4 Dec 09:00, text "next to call jo".
 */
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/nl/parse.js';
import { instantOf } from '../chat/civil-calendar.js';

const ZONE = 'Europe/London';
const NOW = instantOf({ y: 2026, m: 12, d: 3 }, 12, 0, ZONE);
const read = (text: string) => parse(text, { now: NOW, timeZone: ZONE });

describe('"<weekday> next"', () => {
  it('"friday next" said on Thursday is asked, naming Fri 4 Dec and Fri 11 Dec; the example is next week\'s', () => {
    const r = read('remind me on friday next at 9 to call jo');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toContain('Fri 4 Dec');
    expect(r.error).toContain('Fri 11 Dec');
    const again = read(r.example!);
    if (!again.ok) throw new Error(again.error);
    expect(again.next[0]?.toISOString()).toBe(instantOf({ y: 2026, m: 12, d: 11 }, 9, 0, ZONE).toISOString());
    expect(again.text).toBe('call jo');
  });

  it('"monday next" said on Thursday is Mon 7 Dec, the only reading, with no "next" in the text', () => {
    const r = read('remind me on monday next at 9 to call jo');
    if (!r.ok) throw new Error(r.error);
    expect(r.next[0]?.toISOString()).toBe(instantOf({ y: 2026, m: 12, d: 7 }, 9, 0, ZONE).toISOString());
    expect(r.text).toBe('call jo');
  });

  it('"on friday next to the office" keeps "next to" in the text', () => {
    const r = read('call jo on friday next to the office at 9');
    if (!r.ok) throw new Error(r.error);
    expect(r.text).toBe('call jo next to the office');
  });
});
