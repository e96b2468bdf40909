import { describe, expect, it } from 'vitest';
import { findExplicit } from '../../src/nl/explicit.js';
import { p } from './helpers.js';

describe('explicit forms first', () => {
  it.each([
    ['in:1h check', 'in:1h', 'check'],
    ['at:2026-12-01T14:30:00 dentist', 'at:2026-12-01T14:30:00', 'dentist'],
    ['cron:30 2 * * * backup', 'cron:30 2 * * *', 'backup'],
    ['30 2 * * * backup', '30 2 * * *', 'backup'],
    ['every 30m drink', 'every 30m', 'drink'],
    ['@daily standup', '@daily', 'standup'],
    ['every:30m drink', 'every:30m', 'drink'],
    ['calendar:2w@2026-12-08T19:00:00 put the bins out', 'calendar:2w@2026-12-08T19:00:00', 'put the bins out'],
  ])('"%s" is the spec %s', (text, spec, rest) => {
    expect(findExplicit(text)).toEqual({ spec, rest });
  });

  it('five ordinary words are not a cron', () => {
    expect(findExplicit('call mom and dad now')).toBeUndefined();
  });

  it('explicit forms schedule as the core reads them', () => {
    expect(p('in:1h').next[0]).toBe('2026-11-22T11:00:00+01:00');
    expect(p('at:2026-12-01T14:30:00').next[0]).toBe('2026-12-01T14:30:00+01:00');
    expect(p('cron:0 9 * * 1-5').next[0]).toBe('2026-11-23T09:00:00+01:00');
    expect(p('@hourly').next[0]).toBe('2026-11-22T11:00:00+01:00');
  });

  it('the specs `chime parse` and the API print read back as themselves (calendar: was a one-off on its date)', () => {
    // Tuesday 8 Dec 2026 19:00 Berlin, then every two weeks: 22 Dec, 5 Jan
    const r = p('calendar:2w@2026-12-08T19:00:00 put the bins out');
    expect(r.spec).toBe('calendar:2w@2026-12-08T19:00:00');
    expect(r.text).toBe('put the bins out');
    expect(r.next.slice(0, 3)).toEqual(['2026-12-08T19:00:00+01:00', '2026-12-22T19:00:00+01:00', '2027-01-05T19:00:00+01:00']);
    expect(p('every:30m drink').kind).toBe('recurring');
  });

  it('a broken explicit form is rejected, not guessed', () => {
    expect(p('calendar:2x@2026 pills').ok).toBe(false);
    expect(p('cron:99 * * * *').ok).toBe(false);
    expect(p('at:2026-02-30T10:00:00').ok).toBe(false);
  });
});

describe('explicit forms with seconds and bounds', () => {
  it('a 6-field cron after cron: keeps all six fields', () => {
    expect(findExplicit('cron:0 30 2 * * * backup')).toEqual({ spec: 'cron:0 30 2 * * *', rest: 'backup' });
  });

  it('a word after the pattern is text, not a field', () => {
    expect(findExplicit('cron:30 2 * * * the backup')).toEqual({ spec: 'cron:30 2 * * *', rest: 'the backup' });
  });

  it('bounds after the trigger belong to the spec', () => {
    const r = p('30 9 * * * ;count:2 pills');
    expect(r.text).toBe('pills');
    expect(r.next).toEqual(['2026-11-23T09:30:00+01:00', '2026-11-24T09:30:00+01:00']);
  });
});
