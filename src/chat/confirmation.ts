import type { Job } from '../core/job.js';
import { firesMoreThanOnce } from '../core/schedule.js';
import type { CommandContext, ResolvedPrefs } from './command.js';
import type { Action, ChatContext, Reply } from './message.js';
import { action } from './action-ids.js';
import { describeBounds, jobSubject } from './describe.js';
import { formatLocalTime, formatWhen } from './format.js';
import { zoneIsObvious } from './prefs.js';
import type { ReaderZone } from './reader-zone.js';
import { undoCreateAction } from './undo.js';

/** How many runs after the first a recurring confirmation lists. */
const NEXT_SHOWN = 3;

/** The reader's zone for confirmations in a chat of `chatType`. */
export function readerZoneOf(prefs: ResolvedPrefs, chatType: ChatContext['chatType']): ReaderZone {
  const show = prefs.timeZoneSource === 'default' ? 'default' : zoneIsObvious(prefs, chatType) ? 'no' : 'name';
  return { timeZone: prefs.timeZone, show };
}

/** The reader's zone for confirmations in this chat. */
export async function readerZone(ctx: CommandContext): Promise<ReaderZone> {
  return readerZoneOf(await ctx.prefs(), ctx.msg.chatType);
}

/** The line naming the zone, if the reader needs one. */
function zoneLine(job: Job, reader: ReaderZone): string | undefined {
  if (job.timeZone !== reader.timeZone) return `Follows ${job.timeZone} time (shown in ${reader.timeZone}).`;
  if (reader.show === 'default') return `🌍 Times in ${reader.timeZone}, my default: tell me your zone with /tz <city>, e.g. /tz Berlin.`;
  if (reader.show === 'name') return `🌍 Times in ${reader.timeZone}.`;
  return undefined;
}

/**
 * "Exactly what was understood": id, text, first time in the reader's zone with weekday and
 * relative time, and for recurring jobs the next runs; the zone when it is not obvious;
 * buttons Undo and Edit. Undo reverts exactly this message's change: it removes a new job
 * (the default), an edit passes its own.
 * @param next fire times from the parser (first one first)
 * @param reader the reader's zone (a bare zone name is never named unless the job's differs)
 */
export function confirmation(
  job: Job,
  next: Date[],
  reader: string | ReaderZone,
  now: Date,
  heading = 'Reminder set',
  undo: Action = undoCreateAction(job),
): Reply {
  const zone: ReaderZone = typeof reader === 'string' ? { timeZone: reader, show: 'no' } : reader;
  const { timeZone } = zone;
  const first = job.nextRunAt ?? next[0];
  const what = job.kind === 'command' ? `Command ${jobSubject(job)}` : jobSubject(job);
  const lines = [`✅ ${heading} [${job.id}]: ${what}`];
  if (first) lines.push(`⏰ ${formatWhen(first, timeZone, now)}`);
  // An edit keeps a pause: the time above is when it would come, not a promise that it will.
  if (job.status === 'paused') lines.push(`⏸ Paused: it won't come until you /resume ${job.id}.`);
  if (firesMoreThanOnce(job.schedule)) {
    const later = next.filter((d) => !first || d.getTime() > first.getTime()).slice(0, NEXT_SHOWN);
    if (later.length) lines.push(`🔁 Then: ${later.map((d) => formatLocalTime(d, timeZone, now)).join(', ')}`);
  }
  lines.push(...describeBounds(job, timeZone, now));
  const named = zoneLine(job, zone);
  if (named) lines.push(named);
  const quote = (job.payload as { quote?: Reply['quote'] } | undefined)?.quote;
  return {
    text: lines.join('\n'),
    actions: [[undo, action('edit', job.id)]],
    ...(quote ? { quote } : {}),
  };
}
