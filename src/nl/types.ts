import type { DateOrder } from '../core/date-order.js';
import type { Schedule, ScheduleBounds } from '../core/schedule.js';

export interface ParseOptions {
  /** Reference instant ("now"). */
  now: Date;
  /** The user's IANA zone; a zone written in the text wins. */
  timeZone: string;
  /** Defaults from the zone's region (mdy for US zones, dmy elsewhere). */
  dateOrder?: DateOrder;
  /** Longest request read (characters); the chat passes its text limit. Default 2000. */
  maxLength?: number;
}

export interface ParsedReminder {
  ok: true;
  kind: 'once' | 'recurring';
  /** What to remind about, verbatim minus the time phrase and "remind me to". May be empty. */
  text: string;
  schedule: Schedule;
  bounds: ScheduleBounds;
  /** Zone the schedule is evaluated in (the text's zone if one was written). */
  timeZone: string;
  /** Canonical spec string, e.g. `cron:0 9 * * 1-5`, `at:2026-11-23T09:00:00+01:00`. */
  spec: string;
  /** First fire and, for recurring ones, the following fires (at least 4 in all). */
  next: Date[];
  /**
   * The zone abbreviation the text named ("ist"), when the zone came from one: names with
   * several meanings are read with their usual one (zone-names.ts), and the chat offers the others.
   */
  zoneAbbreviation?: string;
  /**
   * A one-off whose hour was written without am/pm ("at 3"): it was placed at the sooner of
   * the two readings; the other is the same clock time 12 hours later.
   */
  meridiemGuessed?: true;
  /**
   * Only a clock time was said ("at 9:30", "3pm"): no day, delay, repeat or zone. An edit
   * reads it as a new time of day for the reminder's own day or repeat (chat/edit-time-of-day.ts).
   */
  clockTimeOnly?: true;
  /**
   * A day or repeat was said without any time of day ("friday", "every weekday"): its fires are
   * at the default 09:00. An edit keeps the reminder's own time of day instead (nl/edit-when.ts).
   */
  timeOfDayDefaulted?: true;
  /**
   * Listed fires (`next`) whose wall time met a daylight-saving change: asked for a time that
   * did not exist (run shifted forward by the gap), or one that happens twice (which was taken).
   */
  wallNotes?: WallNote[];
  /**
   * What the schedule does that its words may not say, in a sentence each: "every 31st" skips
   * months without one, "every feb 29" fires in leap years only.
   */
  caveats?: string[];
}

/** A fire whose wall time met a daylight-saving change (see src/nl/wall-notes.ts). */
export type WallNote =
  /** `asked` (HH:MM) did not exist; the fire `at` is that much later (`minutes`: the jump). */
  | { kind: 'gap'; at: Date; asked: string; minutes: number }
  /** The wall time of `at` happens twice (clocks go back `minutes`); `which` one `at` is. */
  | { kind: 'fold'; at: Date; which: 'first' | 'second'; minutes: number };

export interface ParseRejection {
  ok: false;
  /** A message for the person, saying what is wrong. */
  error: string;
  /** An input that would work. */
  example?: string;
  /**
   * The text holds a repeat phrase that cannot be kept ("every 0 minutes"), or a repeat with a
   * phrase that cannot ("every hour during work hours"): it was a request for a reminder, not
   * chatter, so a plain sentence gets this reason too.
   */
  request?: true;
  /**
   * A weekday name that is today's could not be read alone: asked ("friday" on a Friday
   * morning: today or next week?) or, for "this friday" once its time has passed, refused. The
   * error names the readings in phrases that work; `example` is one of them.
   */
  asksDay?: true;
  /**
   * With `asksDay`: the day was said without any time of day and read at the default 09:00.
   * An edit keeps the reminder's own time of day and asks again with it (nl/edit-when.ts).
   */
  timeOfDayDefaulted?: true;
}

export type ParseResult = ParsedReminder | ParseRejection;
