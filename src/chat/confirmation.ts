import { firesMoreThanOnce } from '../core/schedule.js';
import type { Job } from '../core/job.js';
import type { Action, OutgoingMessage } from './message.js';
import { action } from './action-ids.js';
import { describeBounds, jobSubject } from './describe.js';
import { formatWallTime, formatWhen } from './format.js';
import { undoCreateAction } from './undo.js';

/** How many runs after the first a recurring confirmation lists. */
const NEXT_SHOWN = 3;

/**
 * "Exactly what was understood": id, text, first time in the reader's zone with weekday and
 * relative time, and for recurring jobs the next runs; buttons Undo and Edit. Undo reverts
 * exactly this message's change: it removes a new job (the default), an edit passes its own.
 * @param next fire times from the parser (first one first)
 * @param timeZone the reader's zone, in which times are shown
 */
export function confirmation(job: Job, next: Date[], timeZone: string, now: Date, heading = 'Reminder set', undo: Action = undoCreateAction(job)): OutgoingMessage {
  const first = job.nextRunAt ?? next[0];
  const what = job.kind === 'command' ? `Command ${jobSubject(job)}` : jobSubject(job);
  const lines = [`✅ ${heading} [${job.id}]: ${what}`];
  if (first) lines.push(`⏰ ${formatWhen(first, timeZone, now)}`);
  if (firesMoreThanOnce(job.schedule)) {
    const later = next.filter((d) => !first || d.getTime() > first.getTime()).slice(0, NEXT_SHOWN);
    if (later.length) lines.push(`🔁 Then: ${later.map((d) => formatWallTime(d, timeZone, now)).join(', ')}`);
  }
  lines.push(...describeBounds(job.bounds, timeZone, now));
  if (job.timeZone !== timeZone) lines.push(`Follows ${job.timeZone} time (shown in ${timeZone}).`);
  const quote = (job.payload as { quote?: OutgoingMessage['quote'] } | undefined)?.quote;
  return {
    text: lines.join('\n'),
    actions: [[undo, action('edit', job.id)]],
    ...(quote ? { quote } : {}),
  };
}
