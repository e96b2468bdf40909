/**
 * A wall note (wall-notes.ts) as one plain sentence, for surfaces that show text without the
 * chat's wording (chat/schedule-notes.ts speaks with day names and the place): `chime parse`,
 * and the API's `text` of each note, which the dashboard shows as it is.
 */
import { formatInZone } from '../core/time/zoned.js';
import type { WallNote } from './types.js';

const span = (minutes: number): string => (minutes === 60 ? 'an hour' : `${minutes} minutes`);

/** "02:30 does not exist on 2027-03-14 in America/New_York (clocks go forward an hour): it runs at 03:30 that day." */
export function wallNoteText(note: WallNote, zone: string): string {
  const local = formatInZone(note.at, zone);
  const day = local.slice(0, 10);
  const clock = local.slice(11, 16);
  if (note.kind === 'gap')
    return `${note.asked} does not exist on ${day} in ${zone} (clocks go forward ${span(note.minutes)}): it runs at ${clock} that day.`;
  const side = note.which === 'first' ? 'before' : 'after';
  return `${clock} happens twice on ${day} in ${zone} (clocks go back ${span(note.minutes)}): it runs at the ${note.which} ${clock}, ${side} clocks go back.`;
}
