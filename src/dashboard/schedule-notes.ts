import { h } from './dom.js';

/**
 * What the server's parser says about how a schedule in words meets the calendar
 * (`POST /api/v1/parse`, and a job created or changed with `when`): the fires whose wall time
 * does not exist or happens twice, and what the schedule does that its words may not say. The
 * dashboard shows them as the chat's confirmation does, so a shifted run is never a surprise.
 */
export interface WallNote {
  kind: 'gap' | 'fold';
  /** The fire in the schedule's zone, "2027-03-14T03:30:00-04:00". */
  local: string;
  minutes: number;
  /** gap: the wall time asked for, "02:30". */
  asked?: string;
  /** fold: which of the two times the fire is. */
  which?: 'first' | 'second';
}

export interface ScheduleNotes {
  wallNotes?: WallNote[];
  caveats?: string[];
}

const span = (minutes: number): string => (minutes === 60 ? 'an hour' : `${minutes} minutes`);

/** One sentence per note; `zone` is the schedule's, whose clock the times are. */
export function noteLines(notes: ScheduleNotes, zone: string): string[] {
  const wall = (notes.wallNotes ?? []).map((n) => {
    const day = n.local.slice(0, 10);
    const clock = n.local.slice(11, 16);
    if (n.kind === 'gap') {
      return `${n.asked ?? clock} does not exist on ${day} in ${zone} (clocks go forward ${span(n.minutes)}): it runs at ${clock} that day.`;
    }
    const side = n.which === 'first' ? 'before' : 'after';
    return `${clock} happens twice on ${day} in ${zone} (clocks go back ${span(n.minutes)}): it runs at the ${n.which} ${clock}, ${side} clocks go back.`;
  });
  return [...wall, ...(notes.caveats ?? [])];
}

/** The lines as a list, or nothing when there are none. */
export function noteList(lines: string[]): HTMLElement | null {
  return lines.length ? h('ul', { class: 'schedule-notes' }, ...lines.map((l) => h('li', {}, l))) : null;
}
