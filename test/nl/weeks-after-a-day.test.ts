import { describe, expect, it } from 'vitest';
import { parse } from '../../src/nl/parse.js';

/**
 * British "a week tomorrow", "a fortnight on tuesday", "tuesday week": a day, then one or two
 * weeks more. Said on Thursday 3 Dec 2026 at 17:00 in London (GMT, UTC+0); the dates are
 * counted on the calendar: tomorrow is Fri 4 Dec, the coming Tuesday is 8 Dec.
 */
const NOW = new Date('2026-12-03T17:00:00Z');

describe('a week or a fortnight after a named day', () => {
  it.each([
    // Fri 4 Dec + 7 days
    ['remind me a week tomorrow to check the boiler', '2026-12-11T09:00:00.000Z'],
    // Thu 3 Dec + 7 days
    ['remind me a week today to check the boiler', '2026-12-10T09:00:00.000Z'],
    // Thu 3 Dec + 14 days, at the time said
    ['remind me a fortnight today at 6pm to check the boiler', '2026-12-17T18:00:00.000Z'],
    // Tue 8 Dec + 7 / + 14 days (before: 8 Dec with "a fortnight" or "week" left in the text)
    ['remind me a week on tuesday to check the boiler', '2026-12-15T09:00:00.000Z'],
    ['remind me a fortnight on tuesday to check the boiler', '2026-12-22T09:00:00.000Z'],
    ['remind me tuesday week to check the boiler', '2026-12-15T09:00:00.000Z'],
    ['remind me on tuesday week at 10 to check the boiler', '2026-12-15T10:00:00.000Z'],
    // Fri 4 Dec + 7 days
    ['remind me a week from friday to check the boiler', '2026-12-11T09:00:00.000Z'],
  ])('"%s" is %s with the text "check the boiler"', (text, at) => {
    const r = parse(text, { now: NOW, timeZone: 'Europe/London' });
    expect(r.ok && { kind: r.kind, text: r.text, next: r.next[0]!.toISOString() }).toEqual({
      kind: 'once',
      text: 'check the boiler',
      next: at,
    });
  });

  it('"every tuesday" and "next tuesday" are unchanged', () => {
    const every = parse('remind me every tuesday to check the boiler', { now: NOW, timeZone: 'Europe/London' });
    expect(every.ok && every.next[0]!.toISOString()).toBe('2026-12-08T09:00:00.000Z');
    const next = parse('remind me next tuesday to check the week plan', { now: NOW, timeZone: 'Europe/London' });
    expect(next.ok && [next.text, next.next[0]!.toISOString()]).toEqual(['check the week plan', '2026-12-08T09:00:00.000Z']);
  });
});
