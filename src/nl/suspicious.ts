/**
 * Words that look like dates we could not read must not leave a partial match on the wrong
 * day ("mrach 5 at 9" would otherwise be today at 21:00). After the recognisers ran, leftover
 * words next to a day number that are one typo from a month name, and unknown words ending in
 * "day", turn the request into a rejection with a hint.
 */
import { editDistance, lettersWithin, MONTH_NAMES, WEEKDAY_NAMES } from './shorthand.js';

/** Words ending in "day" that are not dates we should know. */
const DAY_WORDS = new Set([
  'today',
  'yesterday',
  'birthday',
  'birthdays',
  'holiday',
  'holidays',
  'someday',
  'everyday',
  'payday',
  'doomsday',
  'midday',
  'weekday',
  'weekdays',
  'heyday',
  'mayday',
  'workday',
  'workdays',
  'noonday',
  'friday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'saturday',
  'sunday',
  'mondays',
  'tuesdays',
  'wednesdays',
  'thursdays',
  'fridays',
  'saturdays',
  'sundays',
  'day',
  'days',
  'oneday',
  'gameday',
  'schoolday',
  'washday',
  'judgment day',
  'monday-friday',
  'monday-thursday',
  'monday-saturday',
  'saturday-sunday',
  'faraday',
  'halliday',
  'friedday',
]);

/**
 * A month name with one typo made of a dropped or swapped letter ("mrach", "septmber"); a
 * foreign letter means another word ("match" is not "march").
 */
function nearMonth(word: string): string | undefined {
  if (word.length < 4 || MONTH_NAMES.includes(word)) return undefined;
  for (const month of MONTH_NAMES) {
    if (month[0] !== word[0] || word.length > month.length || !lettersWithin(word, month)) continue;
    if (editDistance(word, month) <= (month.length >= 8 ? 2 : 1)) return month;
  }
  return undefined;
}

/** A hint when unread words look like a date; undefined when nothing looks wrong. */
export function suspiciousDateWord(masked: string): { error: string; example: string } | undefined {
  // "on january at 9", "mid march", "by june": a month the grammar could not place ("in january" it can)
  const month =
    /\b(?:on|by|of|early|late|mid|before|after|every|each|around)\s+(?:the\s+)?(january|february|march|april|may|june|july|august|september|october|november|december)\b/.exec(
      masked,
    );
  if (month)
    return { error: `Which day of ${month[1]}? Say the date, or "in ${month[1]}" for the 1st.`, example: `on ${month[1]} 15 at 9am` };
  // "mrach 5", "5 mrach", "5th of mrach"
  const near = /\b([a-z]{3,9})\.?\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\b|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\b/g;
  for (const m of masked.matchAll(near)) {
    const word = m[1] ?? m[2]!;
    const month = nearMonth(word);
    if (month) return { error: `I don't know the month "${word}". Did you mean ${month}?`, example: `on ${month} 5 at 9am` };
  }
  for (const m of masked.matchAll(/\b([a-z]{3,}day)s?\b/g)) {
    const word = m[1]!;
    if (DAY_WORDS.has(word) || DAY_WORDS.has(`${word}s`)) continue;
    let close: string | undefined;
    let best = 4;
    for (const d of WEEKDAY_NAMES) {
      const dist = editDistance(word, d);
      if (dist < best) {
        best = dist;
        close = d;
      }
    }
    if (close) return { error: `I don't know the day "${word}". Did you mean ${close}?`, example: `on ${close} at 9am` };
  }
  return undefined;
}
