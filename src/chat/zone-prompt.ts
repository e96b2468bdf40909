/**
 * Asking a person for their time zone. Telegram and Discord never say where a user is, so a
 * new user starts in the bot's default zone; they are asked once, on first contact in a
 * private chat (/start, or their first reminder there), with buttons for common zones and a
 * "type a city" answer. Until they answer, every confirmation names the zone it used.
 */
import type { Action } from './message.js';
import { zoneButton } from './zone-action-ids.js';

/** Zones offered as buttons: the most common homes of chat users, west to east. */
const COMMON_ZONES: ReadonlyArray<[zone: string, label: string]> = [
  ['America/Los_Angeles', 'Los Angeles'],
  ['America/New_York', 'New York'],
  ['America/Sao_Paulo', 'São Paulo'],
  ['Europe/London', 'London'],
  ['Europe/Berlin', 'Berlin · Paris'],
  ['Asia/Kolkata', 'India'],
  ['Asia/Tokyo', 'Tokyo'],
  ['Australia/Sydney', 'Sydney'],
];

/** Three to a row, three rows: with a confirmation's own rows it stays within Discord's five. */
const ROW = 3;

/** How to answer with a city instead of a button. */
export const TYPE_A_CITY = 'Send /tz and your city, e.g. /tz Lisbon, /tz new york or /tz America/Chicago.';

/** Buttons for the common zones and "Other: type a city". */
export function zonePicker(): Action[][] {
  const buttons = [
    ...COMMON_ZONES.map(([zone, label]) => zoneButton({ verb: 'tz', zone }, label)),
    zoneButton({ verb: 'tzcity' }, 'Other: type a city'),
  ].filter((b): b is Action => b !== undefined);
  const rows: Action[][] = [];
  for (let i = 0; i < buttons.length; i += ROW) rows.push(buttons.slice(i, i + ROW));
  return rows;
}

/** The question, saying which zone is used meanwhile. */
export function zoneQuestion(defaultZone: string): string {
  return `🌍 I don't know your time zone yet, so I use ${defaultZone}. Where are you? Pick below, or ${TYPE_A_CITY.charAt(0).toLowerCase()}${TYPE_A_CITY.slice(1)}`;
}
