/**
 * What the grammar finds in a request: pieces of time phrase, each with its span in the
 * normalised text. Recognisers turn regex matches into pieces; the instant and recurrence
 * resolvers combine them.
 */
import type { DurationParts } from './duration-phrase.js';

/** A time of day. `h` is 0-23 once a meridiem is known; `bare` hours (1-12, no am/pm) get resolved later. */
export interface TimeOfDay {
  h: number;
  mi: number;
  s: number;
  /** Hour written without am/pm on a 12-hour face ("at 3", "at 9:30"). */
  bare: boolean;
  /** A hint from the context for bare hours ("tonight at 9" -> pm). */
  hint?: 'am' | 'pm';
  /** Written "midnight": on a named day it may be that day's start or its end (instant.ts asks). */
  midnight?: true;
}

/** A date as written, not yet placed on the calendar. */
export type DateSpec =
  | { kind: 'ymd'; y?: number; m: number; d: number }
  | { kind: 'relDay'; days: number }
  | {
      kind: 'weekday';
      weekday: number;
      nextWeek: boolean;
      /** "friday after next": one more week. */
      plusWeeks?: number;
      /** "this friday" (this week's: today on a Friday) or "next friday"; unset for a bare "friday" (same-weekday.ts). */
      said?: 'this' | 'next';
    }
  | { kind: 'nextWeek' }
  | { kind: 'nextMonth' }
  | { kind: 'nextYear' }
  | { kind: 'weekend'; next: boolean }
  /** "on the 15th" (the next one); `monthsAhead`: "of this month" (0) or "of next month" (1). */
  | { kind: 'dayOfMonth'; d: number; monthsAhead?: number }
  /** "the third friday in march", "the first friday of next month" (`nth` 'L': the last). */
  | { kind: 'nthWeekdayOfMonth'; nth: number | 'L'; weekday: number; m?: number; y?: number; monthsAhead?: number }
  /** A moving holiday ("easter", "thanksgiving"), by the name written; placed per year and zone (holidays.ts). */
  | { kind: 'holiday'; name: string; y?: number }
  /** A month alone: "in january" (the 1st), "next march", "january 2027", "end of january" (`end`: its last day). */
  | { kind: 'month'; m: number; y?: number; next?: boolean; end?: boolean }
  | { kind: 'endOfWeek'; next?: boolean }
  | { kind: 'endOfMonth'; next?: boolean }
  | { kind: 'endOfYear'; next?: boolean };

/** Recurrence frames ("every 2 weeks", "daily", "every monday and thursday", "on the 1st and 15th of every month"). */
export type RepeatSpec =
  | { kind: 'every'; unit: 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year'; step: number }
  | { kind: 'weekdays'; days: number[]; step: number }
  | { kind: 'monthDays'; days: Array<number | 'L'>; step: number }
  | { kind: 'nthWeekday'; weekday: number; nth: Array<number | 'L'> /** "of october": that month only (yearly). */; month?: number }
  | { kind: 'yearDate'; m: number; d: number };

export interface Piece {
  start: number;
  end: number;
  date?: DateSpec;
  time?: TimeOfDay;
  /** "this time tomorrow", "same time next week": the time is now's wall clock, filled in when the parse knows now. */
  sameTimeAsNow?: boolean;
  /** "same day next month/year": today's day of the month then, filled in when the parse knows today. */
  sameDayNext?: 'month' | 'year';
  /** Default time for the date ("this evening" -> 18:00), used when no time is written. */
  defaultTime?: TimeOfDay;
  duration?: DurationParts;
  repeat?: RepeatSpec;
  /** A window for sub-daily repeats ("from 9 to 5"), inclusive. */
  window?: { from: TimeOfDay; to: TimeOfDay };
  /** Bounded repeats: "for 5 times". */
  count?: number;
  /** Days left out of a repeat ("except weekends"), 0-6. */
  exceptDays?: number[];
  /** A minute of each hour for an hourly repeat ("at :15", "quarter past", "on the hour"), 0-59. */
  minuteOfHour?: number;
  /** "15 minutes before 5pm": the duration moves the time it is attached to (-1 or +1). */
  offsetSign?: -1 | 1;
  /** What the piece is for: the schedule itself, or the start/end bound of a repeat. */
  role?: 'start' | 'end' | 'for' | 'during';
  /**
   * A day said in words that give no time of day ("later today"): the request is asked unless
   * a time comes with it, since the day's 09:00 default is not what the words say.
   */
  needsTime?: string;
  /** Explicitly in the past ("yesterday"): reject, never roll forward. */
  past?: boolean;
  /** A word we recognise as a date but cannot place ("easter"): reject with this hint. */
  unknown?: string;
  /** A phrase we read but will not schedule ("last tuesday" has passed): the request is rejected with this. */
  /**
   * Why the request cannot be kept. `repeat`: the phrase can only be a repeat ("every 0
   * minutes"), so even a plain sentence with it asked for a reminder and gets the reason.
   */
  refuse?: { error: string; example: string; repeat?: true };
  /** Came from chrono rather than our own grammar (for diagnostics). */
  source?: string;
}

/** Helper for regex-driven recognisers. */
export interface Recognizer {
  name: string;
  re: RegExp;
  make(m: RegExpExecArray | RegExpMatchArray): Omit<Piece, 'start' | 'end'> | null;
}

/** Runs recognisers in order; each claims spans not yet claimed. */
export function scan(text: string, recognizers: Recognizer[], claimed: boolean[] = new Array<boolean>(text.length).fill(false)): Piece[] {
  const pieces: Piece[] = [];
  for (const r of recognizers) {
    const re = r.re;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (end === start) {
        re.lastIndex = start + 1;
        continue;
      }
      let free = true;
      for (let i = start; i < end; i++)
        if (claimed[i]) {
          free = false;
          break;
        }
      // Overlaps a claimed span: try again just after its start ("before 5pm" when "before"
      // already belongs to "15 minutes before").
      if (!free) {
        re.lastIndex = start + 1;
        continue;
      }
      const made = r.make(m);
      if (!made) continue;
      for (let i = start; i < end; i++) claimed[i] = true;
      pieces.push({ ...made, start, end, source: r.name });
    }
  }
  return pieces.sort((a, b) => a.start - b.start);
}

/** `text` with claimed characters blanked (same length, UTF-16 indexes as the spans). */
export function maskClaimed(text: string, claimed: boolean[]): string {
  let out = '';
  let from = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || claimed[i]) {
      out += text.slice(from, i);
      if (i < text.length) out += ' ';
      from = i + 1;
    }
  }
  return out;
}
