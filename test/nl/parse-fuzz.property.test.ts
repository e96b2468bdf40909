/**
 * Properties over generated inputs (test/nl/fuzz-inputs.ts): parse never throws; an accepted
 * input fires after now, within 5 years and before the year 10000, in order; and the text of
 * an accepted "phrase + reminder words" input holds no time word: the reminder words hold
 * none, so any left in the text was a part of the time that was dropped instead of read.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_AHEAD_MS, parse } from '../../src/nl/parse.js';
import { FUZZ_NOWS, FUZZ_ZONES, fuzzInput, rng, TEXT_WORDS, TIME_PHRASES, TRAP_PHRASES } from './fuzz-inputs.js';

const RUNS = Number(process.env.NL_PROP_RUNS ?? 400);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59);

/** Words and numbers that only a time expression brings ("may" is left out: it is a verb too). */
const TIME_WORD =
  /\b(?:tomorrow|today|tonight|yesterday|tmrw|2moro|nxt|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekdays?|weekends?|january|february|march|april|june|july|august|september|october|november|december|every|daily|hourly|weekly|biweekly|monthly|yearly|until|noon|midnight|morning|evening|afternoon|last|next|easter|thanksgiving|christmas|minutes?|hours?|days?|weeks?|months?|years?|eow|eom|eoy|fortnight|am|pm|est|london)\b|\d/i;

const now = fc.oneof(
  fc.constantFrom(...FUZZ_NOWS),
  fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }),
);
const zone = fc.constantFrom(...FUZZ_ZONES);
const reminderWords = fc.array(fc.constantFrom(...TEXT_WORDS), { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));

function checkAccepted(text: string, n: Date, tz: string): ReturnType<typeof parse> {
  let r: ReturnType<typeof parse> | undefined;
  expect(() => {
    r = parse(text, { now: n, timeZone: tz });
  }, text).not.toThrow();
  const result = r!;
  if (!result.ok) return result;
  const label = `${JSON.stringify(text)} @ ${n.toISOString()} ${tz}: ${result.spec}`;
  expect(result.next.length, label).toBeGreaterThan(0);
  const first = result.next[0]!.getTime();
  expect(first, label).toBeGreaterThan(n.getTime());
  expect(first - n.getTime(), label).toBeLessThanOrEqual(MAX_AHEAD_MS);
  for (let i = 0; i < result.next.length; i++) {
    expect(result.next[i]!.getTime(), label).toBeLessThanOrEqual(LATEST);
    if (i > 0) expect(result.next[i]!.getTime(), label).toBeGreaterThan(result.next[i - 1]!.getTime());
  }
  return result;
}

describe('parse over generated inputs', () => {
  it('never throws; an accepted input fires after now, within 5 years, before year 10000, in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), now, zone, (seed, n, tz) => {
        checkAccepted(fuzzInput(rng(seed)), n, tz);
      }),
      { numRuns: RUNS },
    );
  });

  it('a time phrase with reminder words: the text keeps no unused time word', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TIME_PHRASES, ...TRAP_PHRASES),
        reminderWords,
        fc.boolean(),
        now,
        zone,
        (phrase, words, before, n, tz) => {
          const input = before ? `remind me to ${words} ${phrase}` : `${phrase} ${words}`;
          const r = checkAccepted(input, n, tz);
          if (!r.ok) return;
          expect(r.text, `${JSON.stringify(input)} @ ${n.toISOString()} ${tz}: ${r.spec}`).not.toMatch(TIME_WORD);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('unicode, junk and huge numbers around a phrase never throw', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.constantFrom(...TIME_PHRASES),
        fc.string({ unit: 'binary', maxLength: 40 }),
        now,
        zone,
        (a, phrase, b, n, tz) => {
          checkAccepted(`${a} ${phrase} ${b}`, n, tz);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
