import { formatInZone } from '../core/time/zoned.js';
import type { ParsedReminder } from '../nl/types.js';
import { wallNoteText } from '../nl/wall-note-text.js';

/**
 * What the chat's confirmation says in words about how a `when` meets the calendar, as data for
 * an API client to show (nothing guessed silently): the fires that meet a daylight-saving change
 * (`wallNotes`: a wall time that does not exist, shifted forward; one that happens twice, which
 * was taken; each with its `text`, one sentence) and what the schedule does that its words may not say (`caveats`). The same shape
 * for `POST /api/v1/parse` and for a job created or changed with `when` or `schedule`.
 */
export interface ScheduleNotesView {
  wallNotes: Array<Record<string, unknown>>;
  caveats: string[];
}

export function scheduleNotesView(r: Pick<ParsedReminder, 'wallNotes' | 'caveats' | 'timeZone'>): ScheduleNotesView {
  return {
    wallNotes: (r.wallNotes ?? []).map((n) => ({
      kind: n.kind,
      at: n.at.toISOString(),
      local: formatInZone(n.at, r.timeZone),
      minutes: n.minutes,
      ...(n.kind === 'gap' ? { asked: n.asked } : { which: n.which }),
      text: wallNoteText(n, r.timeZone),
    })),
    caveats: r.caveats ?? [],
  };
}
