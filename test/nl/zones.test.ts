import { describe, expect, it } from 'vitest';
import { findZones } from '../../src/nl/zones.js';
import { defaultDateOrder } from '../../src/nl/date-order.js';
import { first, p } from './helpers.js';

describe('zones written in the text', () => {
  it.each([
    ['at 3pm london time', 'Europe/London'],
    ['9am est', 'America/New_York'],
    ['17:00 cet', 'Europe/Berlin'],
    ['at noon tokyo time', 'Asia/Tokyo'],
    ['at 9 new york time', 'America/New_York'],
    ['at 5pm pacific time', 'America/Los_Angeles'],
    ['at 10 utc', 'UTC'],
    ['at 10 europe/paris', 'Europe/Paris'],
  ])('"%s" names %s', (text, zone) => {
    expect(findZones(text)[0]?.zone).toBe(zone);
  });

  it('abbreviations only count next to a time ("the est report" is text)', () => {
    expect(findZones('send the est report')).toEqual([]);
  });

  it('a zone in the text wins over the user zone: "at 3pm London time" from Berlin', () => {
    const r = p('call bob at 3pm London time');
    expect(r.zone).toBe('Europe/London');
    expect(r.next[0]).toBe('2026-11-22T15:00:00+00:00');
    expect(r.text).toBe('call bob');
  });

  it('"9am EST" is 9:00 in New York (14:00 UTC in November)', () => {
    expect(new Date(first('standup tomorrow 9am EST')).toISOString()).toBe('2026-11-23T14:00:00.000Z');
  });
});

describe('date order default', () => {
  it('US zones read month first, others day first', () => {
    expect(defaultDateOrder('America/New_York')).toBe('mdy');
    expect(defaultDateOrder('America/Indiana/Indianapolis')).toBe('mdy');
    expect(defaultDateOrder('Europe/Berlin')).toBe('dmy');
    expect(defaultDateOrder('Asia/Tokyo')).toBe('dmy');
    expect(defaultDateOrder('America/Toronto')).toBe('dmy');
  });
});

describe('one zone per reminder', () => {
  it('two different zones in one request are rejected, not half-applied', () => {
    expect(p('at 9am EST and 3pm CET').ok).toBe(false);
  });
});

describe('zone cities that are everyday words', () => {
  it('"christmas time" is not Indian/Christmas', () => {
    expect(findZones('buy gifts before christmas time')).toEqual([]);
  });
});
