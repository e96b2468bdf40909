import { h } from './dom.js';

/**
 * What the server's parser says about how a schedule in words meets the calendar
 * (`POST /api/v1/parse`, and a job created or changed with `when`): the fires whose wall time
 * does not exist or happens twice, and what the schedule does that its words may not say. The
 * dashboard shows them as the chat's confirmation does, so a shifted run is never a surprise.
 */

/** A note on a fire that meets a daylight-saving change, worded by the server (nl/wall-note-text.ts). */
export interface WallNote {
  text: string;
}

export interface ScheduleNotes {
  wallNotes?: WallNote[];
  caveats?: string[];
}

/** One sentence per note, the server's. */
export function noteLines(notes: ScheduleNotes): string[] {
  return [...(notes.wallNotes ?? []).map((n) => n.text), ...(notes.caveats ?? [])];
}

/** The lines as a list, or nothing when there are none. */
export function noteList(lines: string[]): HTMLElement | null {
  return lines.length ? h('ul', { class: 'schedule-notes' }, ...lines.map((l) => h('li', {}, l))) : null;
}
