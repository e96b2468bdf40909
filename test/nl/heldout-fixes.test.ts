/**
 * Neighbours of the held-out phrases fixed in test/nl/corpus/heldout.jsonl: what the new
 * readings must not swallow, and the refusals next to them. Dates worked out from the calendar
 * (Wed 2026-12-02 10:00 and Sun 2026-12-06 10:00 in New York).
 */
import { describe, expect, it } from 'vitest';
import { p } from './helpers.js';

const WED = { now: '2026-12-02T10:00:00-05:00', tz: 'America/New_York' };
const SUN = { now: '2026-12-06T10:00:00-05:00', tz: 'America/New_York' };

describe('held-out fixes: neighbours', () => {
  it('a repeat word with an nth weekday says every month or one month a year, not both', () => {
    expect(p('every year on the first monday', SUN).ok).toBe(false);
    expect(p('monthly on the 2nd tuesday of march', SUN).ok).toBe(false);
    // two ordinals in one monthly repeat: Fri Dec 18, Fri Jan 1, Fri Jan 15
    expect(p('every month on the first and third friday', SUN).next.slice(0, 3)).toEqual([
      '2026-12-18T09:00:00-05:00',
      '2027-01-01T09:00:00-05:00',
      '2027-01-15T09:00:00-05:00',
    ]);
  });

  it('an nth weekday one-off is the next month holding it; a missing fifth weekday is refused', () => {
    // February 2027 has four Mondays (1, 8, 15, 22)
    expect(p('call on the fifth monday of february', WED).ok).toBe(false);
    // March 2027: Tuesdays 2, 9, 16, 23, 30
    expect(p('call on the fifth tuesday of march', WED)).toMatchObject({
      ok: true,
      kind: 'once',
      text: 'call',
      next: ['2027-03-30T09:00:00-04:00'],
    });
  });

  it('words in another script next to English stay text; the day after tomorrow is still Friday', () => {
    expect(p('call Дмитрий at 3pm', WED)).toMatchObject({ ok: true, text: 'call Дмитрий', next: ['2026-12-02T15:00:00-05:00'] });
    expect(p('call the day after tomorrow', WED)).toMatchObject({ ok: true, text: 'call', next: ['2026-12-04T09:00:00-05:00'] });
    expect(p('call the day before dec 24 at 5pm', WED)).toMatchObject({ ok: true, text: 'call', next: ['2026-12-23T17:00:00-05:00'] });
  });

  it('a word that only looks like a weekday typo, or a number word that is no hour, stays text', () => {
    expect(p('sunray at 5pm', WED)).toMatchObject({ ok: true, text: 'sunray', next: ['2026-12-02T17:00:00-05:00'] });
    expect(p('meet at one point tomorrow at 3pm', WED)).toMatchObject({
      ok: true,
      text: 'meet at one point',
      next: ['2026-12-03T15:00:00-05:00'],
    });
  });

  it('"every quarter hour" is not quarterly', () => {
    expect(p('every quarter hour', SUN).spec ?? 'rejected').not.toContain('3mo');
  });
});
