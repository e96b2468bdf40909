/**
 * The confirmation of a new reminder with what the schedule does that its words may not say
 * (a DST gap or overlap, months skipped) and the questions about how it was read: another
 * meaning of its zone abbreviation, the other half of the day for a bare night hour, and a
 * new user's time zone. Each question comes with buttons; none holds the reminder up.
 */
import type { Job } from '../core/job.js';
import { abbreviationMeanings } from '../nl/zone-names.js';
import type { ParsedReminder } from '../nl/types.js';
import { nightHourQuestion } from './bare-hour.js';
import { scheduleNotes } from './schedule-notes.js';
import type { CommandContext } from './command.js';
import { confirmation, readerZone } from './confirmation.js';
import type { Action, Reply } from './message.js';
import { zoneButton } from './zone-action-ids.js';
import { stateVersion } from '../core/job-version.js';
import { zonePicker, zoneQuestion } from './zone-prompt.js';

/**
 * "9am IST" is read with the abbreviation's usual meaning (India); the confirmation says so
 * and offers the other meanings as buttons that move the reminder to the same clock time there.
 */
function otherMeanings(job: Job, parsed: ParsedReminder): { line: string; buttons: Action[] } | undefined {
  const meanings = parsed.zoneAbbreviation ? abbreviationMeanings(parsed.zoneAbbreviation) : undefined;
  const [usual, ...others] = meanings ?? [];
  if (!usual || others.length === 0 || job.timeZone !== usual.zone) return undefined;
  const name = parsed.zoneAbbreviation!.toUpperCase();
  const buttons = others
    .map((o) => zoneButton({ verb: 'zjob', jobId: job.id, zone: o.zone, version: stateVersion(job) }, `${name} = ${o.label}`))
    .filter((b): b is Action => b !== undefined);
  const line = `🌍 ${name} read as ${usual.label} (${usual.zone}). It can also mean ${others.map((o) => `${o.label} (${o.zone})`).join(' or ')}${buttons.length ? ': press to switch.' : '.'}`;
  return { line, buttons };
}

/**
 * Whether to ask for the person's zone now: in a private chat, while nobody chose their zone,
 * on their first reminder (the one just created is their only one). Later confirmations
 * still name the default zone, without asking again.
 */
async function firstReminderWithoutZone(ctx: CommandContext, job: Job): Promise<boolean> {
  if (ctx.msg.chatType !== 'private' || (await ctx.prefs()).timeZoneSource !== 'default') return false;
  const own = await ctx.deps.scheduler.listJobs({ ownerPlatform: ctx.msg.platform, ownerUserId: ctx.msg.userId, limit: 2 });
  return own.length === 1 && own[0]!.id === job.id;
}

/**
 * The confirmation of a new reminder. The first one a new user sets is scheduled in the
 * default zone at once (the question never holds it up) and asks for their zone below it;
 * answering offers to move it (see zone-move.ts).
 */
export async function newReminderConfirmation(ctx: CommandContext, job: Job, parsed: ParsedReminder): Promise<Reply> {
  const reader = await readerZone(ctx);
  const ask = await firstReminderWithoutZone(ctx, job);
  let message = confirmation(job, parsed.next, ask ? { ...reader, show: 'no' } : reader, ctx.now);
  const notes = scheduleNotes(parsed);
  if (notes.length) message = withPart(message, notes.join('\n'), []);
  // Questions about how the text was read share one row of buttons (at most 4), so with the
  // zone picker a confirmation keeps within Discord's five rows.
  const questions = [otherMeanings(job, parsed), nightHourQuestion(job, parsed)].filter((q) => q !== undefined);
  if (questions.length) message = withPart(message, questions.map((q) => q.line).join('\n'), [questions.flatMap((q) => q.buttons)]);
  if (ask) message = withPart(message, `\n${zoneQuestion(reader.timeZone)}`, zonePicker());
  return message;
}

function withPart(message: Reply, line: string, rows: Action[][]): Reply {
  return { ...message, text: `${message.text}\n${line}`, actions: [...(message.actions ?? []), ...rows] };
}
