import type { Job } from '../core/job.js';
import { firesMoreThanOnce } from '../core/schedule.js';
import type { OutgoingMessage } from './message.js';
import { action } from './action-ids.js';
import { describeBounds, jobSubject } from './describe.js';
import { formatWallTime, formatWhen } from './format.js';

/** How many runs after the first a recurring confirmation lists. */
const NEXT_SHOWN = 3;

/**
 * "Exactly what was understood": id, text, first time in the reader's zone with weekday and
 * relative time, and for recurring jobs the next runs; buttons Undo and Edit.
 * @param next fire times from the parser (first one first)
 * @param timeZone the reader's zone, in which times are shown
 */
export function confirmation(job: Job, next: Date[], timeZone: string, now: Date, heading = 'Reminder set'): OutgoingMessage {
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
    actions: [[action('undo', job.id), action('edit', job.id)]],
    ...(quote ? { quote } : {}),
  };
}
