/**
 * Words that belong to a time expression are read or the request is rejected with a hint:
 * never dropped into the reminder text while the rest is scheduled. (The corpus file
 * unread-words.jsonl has the calendar cases; this file checks the hints a person gets.)
 */
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/nl/parse.js';
import { SUNDAY_BERLIN } from './helpers.js';

function rejection(text: string): { error: string; example: string } {
  const r = parse(text, { now: SUNDAY_BERLIN, timeZone: 'Europe/Berlin' });
  if (r.ok) throw new Error(`"${text}" was accepted: ${r.spec} "${r.text}"`);
  return { error: r.error, example: r.example ?? '' };
}

describe('unread time words', () => {
  it('"last tuesday" has passed: rejected like "yesterday", pointing to next tuesday', () => {
    const r = rejection('last tuesday at 9 retro');
    expect(r.error).toContain('last tuesday');
    expect(r.error).toContain('passed');
    expect(r.example).toContain('next tuesday');
  });

  it('a year left after the time asks to put it with the date', () => {
    const r = rejection('dec 24 at 9 2027');
    expect(r.error).toContain('"2027"');
    expect(r.example).toContain('dec 24 2027');
  });

  it('clock forms the grammar does not know ask for a colon', () => {
    for (const text of ['9.30 call', '0930 call', 'tomorrow 0930 call']) expect(rejection(text).error, text).toContain('colon');
  });

  it('a message in another language is rejected with a hint naming it, never scheduled from its digits', () => {
    expect(rejection('jeden Montag um 7:30 Uhr Sport').error).toContain('German');
    expect(rejection('demain à 9h appeler maman').error).toContain('French');
    expect(rejection('mañana a las 9 llamar a mamá').error).toContain('Spanish');
    expect(rejection('завтра в 9 позвонить маме').error).toContain('Russian');
    expect(rejection('jeden Montag um 7:30 Uhr Sport').example).toMatch(/^every monday at/);
  });

  it('English words that look foreign stay text ("todo", "elk", "midi")', () => {
    for (const text of ['tomorrow at 9 update the todo list', 'at 5pm feed the elk', 'tomorrow at 9 fix the midi cable']) {
      const r = parse(text, { now: SUNDAY_BERLIN, timeZone: 'Europe/Berlin' });
      expect(r.ok, text).toBe(true);
    }
  });
});
