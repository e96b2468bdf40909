/**
 * "-ish" times ("around 5ish", "morning-ish", "tomorrow-ish") are read as the time word itself,
 * and the result says it is exact; "ish" never stays in the reminder's text. London, Thursday
 * 3 Dec 2026 12:00 GMT; instants from Intl (test/chat/civil-calendar.ts).
 * Before: "around 5ish call bob" was 17:00 with the text "ish call bob" and no word about it.
 */
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/nl/parse.js';
import { instantOf } from '../chat/civil-calendar.js';

const ZONE = 'Europe/London';
const NOW = instantOf({ y: 2026, m: 12, d: 3 }, 12, 0, ZONE);
const at = (d: number, h: number) => instantOf({ y: 2026, m: 12, d }, h, 0, ZONE).toISOString();

describe('"-ish" is read exactly, and said so', () => {
  it.each([
    ['around 5ish call bob', 'around 5ish', at(3, 17), 'call bob'],
    ['at 5 ish call bob', 'at 5 ish', at(3, 17), 'call bob'],
    ['morning-ish call bob', 'morning-ish', at(4, 9), 'call bob'],
    ['remind me tomorrow-ish to call bob', 'tomorrow-ish', at(4, 9), 'call bob'],
    ['every day at 9ish stretch', 'at 9ish', at(4, 9), 'stretch'],
  ])('"%s"', (text, said, first, task) => {
    const r = parse(text, { now: NOW, timeZone: ZONE });
    if (!r.ok) throw new Error(r.error);
    expect(r.next[0]?.toISOString()).toBe(first);
    expect(r.text).toBe(task);
    expect(r.caveats?.join(' ')).toContain(`"${said}" is read as exactly the time above`);
  });

  it('"finish the english essay at 5" has no "ish" note (ish inside a word)', () => {
    const r = parse('finish the english essay at 5', { now: NOW, timeZone: ZONE });
    expect(r.ok && r.caveats).toBeFalsy();
    expect(r.ok && r.text).toBe('finish the english essay');
  });
});
