import { describe, expect, it } from 'vitest';
import { parse } from '../../src/nl/parse.js';

/**
 * Every refusal's example is a request that works: the person copies it and gets a reminder,
 * never a second refusal. Requests are built from a head that says when (or not) and a task
 * that holds something the parser asks about, in every combination.
 */
const NOW = new Date('2026-12-03T16:00:00Z');
const ZONES = ['Europe/London', 'America/New_York', 'Asia/Tokyo'];

const HEADS = [
  'remind me',
  'remind me tomorrow',
  'remind me tomorrow at 9',
  'remind me at noon',
  'remind me on friday',
  'remind me in 2 hours',
  'remind me every monday at 10',
  'remind me every day',
  '/remind',
  'remind me next week',
  'remind me this weekend',
  'remind me every weekday at 9:30',
  'remind me on 2027-03-14',
  'remind me tonight',
];
const TASKS = [
  'to read chapter 3 tonight',
  'to check room 5 at night',
  'to finish the report by friday',
  'to order the cake for saturday',
  'to buy the christmas tree',
  'to call mom at 9 and dad at 10',
  'to stretch every hour during work hours',
  'to focus every weekday 9 to 5',
  'to pay rent on the 31st of february',
  'to call at 3',
  'to take meds at 9 and 5',
  'to water plants every 0 minutes',
  'to book the 2nd installment',
  'to watch episode 4 tonight',
  'to call the bank during business hours',
  'to meet at 25:00',
  'to plan the new year party',
  'to reserve 2 nights at the inn',
  'to ping every hour at 20 to',
  'to pay the invoice due on the 15th',
  'to look at the weekend plan',
  'to call mom about sunday lunch',
  'to go every day at 15 past',
  'to ping every hour except lunch',
  'to send the weekly report by 5pm',
  'to submit the form no later than 17:30',
  'to leave by 8',
  'to prepare for the meeting on monday',
  'to call the school about the trip next week',
  'to ping every hour at 15',
  'to take out the bins every friday at midnight',
  'to pay rent every month on the 1st at midnight',
  'to pay rent tomorrow at midnight',
  'to call mom on monday dec 8 at 9',
  'to prepare for the meeting with bob on monday',
];

describe('refusal examples', () => {
  it('every example a refusal offers parses into a reminder, in every combination', () => {
    const broken: string[] = [];
    let refused = 0;
    for (const head of HEADS)
      for (const task of TASKS)
        for (const timeZone of ZONES) {
          const text = `${head} ${task}`;
          const r = parse(text, { now: NOW, timeZone });
          if (r.ok || r.example === undefined) continue;
          refused++;
          const again = parse(r.example, { now: NOW, timeZone });
          if (!again.ok) broken.push(`${text} -> ${r.example} -> ${again.error}`);
        }
    // The set must exercise refusals at all, or this test would pass by asking nothing.
    expect(refused).toBeGreaterThan(HEADS.length * 5);
    expect(broken).toEqual([]);
  });
});
