import type { DeliveryFormatter, DeliveryOutcome } from '../core/executor.js';
import type { Job } from '../core/job.js';
import { mentionPart, outgoing, plainText, textPart } from '../core/outgoing-message.js';
import type { Part } from '../core/ports/sender.js';
import { firesMoreThanOnce } from '../core/schedule.js';
import { versionedAction } from './action-ids.js';
import type { ReminderPayload } from './describe.js';
import { jobSubject } from './describe.js';
import { formatLocalTime, formatSpan } from './format.js';
import { isNagging } from './nag.js';

/** A run this late (ms) says so in the message ("Chime was offline"). */
const LATE_NOTICE_MS = 60_000;

type Rows = Array<Array<{ id: string; label: string }>>;

/**
 * Buttons under a delivered reminder: snoozes and Tomorrow, then Done, Nag me (again and again
 * until Done) and Stop when it repeats. A nag has only Done: it comes back anyway.
 */
export function reminderActions(job: Job): Rows {
  if (isNagging(job)) return [[versionedAction('done', job)]];
  const last = [versionedAction('done', job), versionedAction('nag', job)];
  if (firesMoreThanOnce(job.schedule)) last.push(versionedAction('stop', job));
  return [[versionedAction('s10', job), versionedAction('s60', job), versionedAction('tm', job)], last];
}

/**
 * In groups the owner is named so the right person notices: a mention part, which each
 * platform turns into a real ping (Telegram text mention, Discord `<@id>`).
 */
function addressee(job: Job): Part[] {
  return job.origin.chatType === 'group' && job.owner.name ? [mentionPart(job.owner.userId, job.owner.name), textPart(': ')] : [];
}

function reminderParts(job: Job, text?: string): Part[] {
  return [textPart('⏰ '), ...addressee(job), textPart(text || jobSubject(job))];
}

/** The body of a delivered reminder as text, used when a button edits the message in place. */
export function reminderBody(job: Job, text?: string): string {
  return plainText({ parts: reminderParts(job, text) });
}

/**
 * The notice for an occurrence skipped after downtime (README "After downtime"): which
 * reminder, when it was due, that it did not come because Chime was offline, and when the
 * next one comes, in the job's zone.
 */
function skippedParts(job: Job, outcome: Extract<DeliveryOutcome, { type: 'skipped' }>): Part[] {
  const now = new Date(outcome.scheduledFor.getTime() + outcome.lateMs);
  const due = formatLocalTime(outcome.scheduledFor, job.timeZone, now);
  const next = outcome.next ? `Next: ${formatLocalTime(outcome.next, job.timeZone, now)}.` : 'That was the last one.';
  return [
    textPart('⏭️ '),
    ...addressee(job),
    textPart(
      `${jobSubject(job)}\nMissed while Chime was offline: due ${due}, ${formatSpan(outcome.lateMs)} ago, so it was skipped. ${next}`,
    ),
  ];
}

/** Formats due jobs for the chat: the owner's mention in groups, the buttons, the replied-to message. */
export function createDeliveryFormatter(): DeliveryFormatter {
  return (job, outcome) => {
    const quote = job.kind === 'reminder' ? (job.payload as ReminderPayload | undefined)?.quote : undefined;
    const late = outcome.lateMs >= LATE_NOTICE_MS ? `\n(${formatSpan(outcome.lateMs)} late: Chime was offline)` : '';
    const stop: Rows = firesMoreThanOnce(job.schedule) ? [[versionedAction('stop', job)]] : [];

    if (outcome.type === 'skipped') return outgoing(skippedParts(job, outcome), { actions: job.status === 'active' ? stop : [], quote });
    if (outcome.type === 'failure') {
      const actions = job.status === 'active' ? stop : [];
      return outgoing([textPart('⚠️ '), ...addressee(job), textPart(`${outcome.text}${late}`)], { actions, quote });
    }
    if (job.kind === 'reminder') {
      return outgoing([...reminderParts(job, outcome.text), textPart(late)], { actions: reminderActions(job), quote });
    }
    const head = job.kind === 'command' ? [textPart('🤖 '), ...addressee(job), textPart(`${jobSubject(job)}\n`)] : addressee(job);
    return outgoing([...head, textPart(`${outcome.text}${late}`)], { actions: stop, quote });
  };
}
