import { describe, expect, it } from 'vitest';
import { formatLocalTime } from '../../src/chat/format.js';

describe('formatLocalTime: a time in chat is weekday, day, month and clock time in the reader zone', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  it('uses three-letter month names on every runtime (September is Sep, never Sept)', () => {
    expect(formatLocalTime(new Date('2026-09-01T07:05:00Z'), 'Europe/Berlin', now)).toBe('Tue 1 Sep 09:05');
  });
  it('adds the year only when it is not the current one in that zone', () => {
    expect(formatLocalTime(new Date('2027-01-04T08:00:00Z'), 'UTC', now)).toBe('Mon 4 Jan 2027 08:00');
    // Still 2026 in UTC, already 2027 in Auckland: the reader's year counts
    expect(formatLocalTime(new Date('2027-01-01T00:00:00Z'), 'Pacific/Auckland', new Date('2026-12-31T12:00:00Z'))).toBe('Fri 1 Jan 13:00');
  });
  it('follows the zone across a DST change (the same UTC hour reads an hour apart)', () => {
    expect(formatLocalTime(new Date('2027-03-28T00:30:00Z'), 'Europe/Berlin', now)).toBe('Sun 28 Mar 2027 01:30');
    expect(formatLocalTime(new Date('2027-03-28T01:30:00Z'), 'Europe/Berlin', now)).toBe('Sun 28 Mar 2027 03:30');
  });
});
