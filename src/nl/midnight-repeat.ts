/**
 * "every friday at midnight": the night before Friday (00:00 as Friday begins) or the night
 * after it (00:00 as Saturday begins)? People say both, and the two readings are a day apart,
 * so a repeat on named days asks, as "tomorrow at midnight" does (instant.ts). "every day at
 * midnight" and "every 2 weeks at midnight" name no day: every midnight is both, nothing to ask.
 * Each reading is offered as the request's own repeat with "00:00", which reads exactly.
 */
import type { Group } from './groups.js';
import { Reject } from './resolve.js';
import { spokenDays } from './date-words.js';

/** "Friday and Saturday": the day names capitalised, for a sentence. */
function capital(s: string): string {
  return s.replace(/\b(?!and\b)[a-z]/g, (c) => c.toUpperCase());
}

/**
 * The question, when `g` says "midnight" on named days: weekdays (`days`, every `weeks` weeks), or
 * days of the month or the year (`namedDates`). Undefined when there is nothing to ask.
 */
export function midnightOnRepeatDays(g: Group, days: number[] | undefined, weeks: number, namedDates: boolean): Reject | undefined {
  const late = g.times.find((t) => t.midnight);
  if (!late) return undefined;
  // "every friday at 10 past midnight" is asked as "midnight" is, with its minutes
  const clock = `00:${String(late.mi).padStart(2, '0')}`;
  const said = late.mi === 0 ? 'midnight' : `${late.mi} past midnight`;
  if (days && days.length < 7) {
    const every = weeks > 1 ? `every ${weeks} weeks on` : 'every';
    const start = `${every} ${spokenDays(days)} at ${clock}`;
    const end = `${every} ${spokenDays(days.map((d) => (d + 1) % 7))} at ${clock}`;
    return new Reject(
      `Is "${said}" the start of each ${capital(spokenDays(days))} (${clock}, right after the day before) or its end (${clock} as the next day begins)? Say "${start}" or "${end}".`,
      end,
      'time',
    );
  }
  if (!namedDates) return undefined;
  return new Reject(
    `Is "${said}" the start of that day (${clock}, right after the day before) or its end? "00:00" is when a day begins: say the day at ${clock} for its start, or the day after it at ${clock} for its end.`,
    undefined,
    'midnight',
  );
}
