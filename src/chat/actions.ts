import type { Job } from '../core/job.js';
import { firesMoreThanOnce } from '../core/schedule.js';
import type { ResolvedChatDeps } from './command.js';
import { parseActionId } from './action-ids.js';
import type { ActionVerb } from './action-ids.js';
import { canChange, canSee } from './access.js';
import { jobSubject } from './describe.js';
import { reminderBody } from './delivery-format.js';
import { formatWhen } from './format.js';
import type { ActionAnswer, IncomingAction } from './message.js';

const SNOOZE_MS: Partial<Record<ActionVerb, number>> = { s10: 10 * 60_000, s60: 60 * 60_000 };

/**
 * "Tomorrow" means 09:00 tomorrow in the presser's zone, the parser's reading of
 * "tomorrow" (a date without a time is 09:00). Same-wall-time-tomorrow was rejected: a
 * reminder that fired at 23:00 would come back at 23:00, rarely what "Tomorrow" means.
 */
async function tomorrowMorning(deps: ResolvedChatDeps, now: Date, timeZone: string): Promise<Date> {
  const parsed = await deps.parse('tomorrow at 9am', { now, timeZone });
  const at = parsed.ok ? parsed.next[0] : undefined;
  return at ?? new Date(now.getTime() + 24 * 3600_000);
}

function finished(job: Job): boolean {
  return job.status === 'cancelled' || job.status === 'failed';
}

/**
 * Acts on a button press. Only the owner or a chat admin may press; anyone else gets a toast
 * and nothing changes. Jobs the presser may not see answer like missing ones.
 */
export async function handleActionPress(
  deps: ResolvedChatDeps,
  press: IncomingAction,
  now: Date,
  zoneOf: (press: IncomingAction) => Promise<string>,
): Promise<ActionAnswer> {
  const parsed = parseActionId(press.actionId);
  if (!parsed) return { toast: 'That button is no longer valid.' };
  const { verb, jobId } = parsed;
  const job = await deps.scheduler.getJob(jobId);
  if (!job || !canSee(job, press)) return { toast: `No reminder with id "${jobId}".` };
  if (!canChange(job, press)) return { toast: 'Only the owner or a chat admin can do that.' };
  const base = press.messageText ?? reminderBody(job);
  const subject = jobSubject(job);

  switch (verb) {
    case 's10':
    case 's60':
    case 'tm': {
      if (finished(job)) return { toast: `Reminder ${job.id} is ${job.status}.`, edit: { text: base } };
      const timeZone = await zoneOf(press);
      const at = verb === 'tm' ? await tomorrowMorning(deps, now, timeZone) : new Date(now.getTime() + (SNOOZE_MS[verb] ?? 0));
      await deps.scheduler.snoozeJob(job.id, at);
      const when = formatWhen(at, timeZone, now);
      return { toast: `Snoozed until ${when}`, edit: { text: `${base}\n💤 Snoozed until ${when}` } };
    }
    case 'done': {
      // A one-off still pending (snoozed, or pressed early) is finished by Done; a recurring
      // job keeps its schedule: Done acknowledges this occurrence only.
      if (!firesMoreThanOnce(job.schedule) && (job.status === 'active' || job.status === 'paused')) await deps.scheduler.cancelJob(job.id);
      return { toast: 'Done ✓', edit: { text: `${base}\n✓ Done` } };
    }
    case 'stop': {
      if (job.status === 'active' || job.status === 'paused') await deps.scheduler.cancelJob(job.id);
      return { toast: 'Stopped', edit: { text: `${base}\n⏹ Stopped, it won't repeat.` } };
    }
    case 'undo': {
      await deps.scheduler.deleteJob(job.id);
      return { toast: 'Undone', edit: { text: `↩️ Undone: reminder ${job.id} (${subject}) was removed.` } };
    }
    case 'edit': {
      return {
        toast: `Send /edit ${job.id} …`,
        replies: [{ text: `To change it, send /edit ${job.id} <new time or text>, e.g. /edit ${job.id} tomorrow at 10` }],
      };
    }
  }
}
