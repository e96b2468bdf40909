/**
 * A step of hours inside a window is said as the rule it is in /list (the confirmation lists the next fires):
 * "every 2 hours from 9:30 to 5" fires at 09:30, 11:30, 13:30 and 15:30 (17:30 is past the
 * window's end), and reads "every 2 hours from 09:30 to 15:30". Before: "every day at 09:30,
 * 11:30, 13:30 and 15:30", a list the person did not write. Times the person listed stay a
 * list. London, Thursday 3 Dec 2026 12:00 GMT.
 */
import { describe, expect, it } from 'vitest';
import { ALICE_DM, chatInZone } from './harness.js';

const london = () => chatInZone('Europe/London', '2026-12-03T12:00:00Z');

describe('a step of hours in a window reads as a rule', () => {
  it.each([
    ['every 2 hours from 9:30 to 5 stretch', 'every 2 hours from 09:30 to 15:30'],
    ['every 3 hours from 9 to 5 on weekdays stretch', 'every weekday, every 3 hours from 09:00 to 15:00'],
    ['every 2 hours at :15 from 9 to 5 stretch', 'every 2 hours from 09:15 to 15:15'],
    ['every 5 hours on fridays from 9am stretch', 'every Friday, every 5 hours from 09:00 to 19:00'],
    // listed times stay listed
    ['every day at 9am, 12pm and 3pm stretch', 'every day at 09:00, 12:00 and 15:00'],
  ])('"%s": %s', async (text, words) => {
    const t = await london();
    expect(await t.sayText(ALICE_DM, text)).toContain('Reminder set');
    expect(await t.sayText(ALICE_DM, '/list')).toContain(words);
  });
});
