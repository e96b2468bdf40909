import type { DeliveryFormatter } from '../core/executor.js';
import type { Job } from '../core/job.js';
import { firesMoreThanOnce } from '../core/schedule.js';
import { action } from './action-ids.js';
import type { ReminderPayload } from './describe.js';
import { jobSubject } from './describe.js';
import { formatSpan } from './format.js';
import { isNagging } from './nag.js';

/** A run this late (ms) says so in the message ("Chime was offline"). */
const LATE_NOTICE_MS = 60_000;

type Rows = Array<Array<{ id: string; label: string }>>;

/**
 * Buttons under a delivered reminder: snoozes and Tomorrow, then Done, Nag me (again and again
 * until Done) and Stop when it repeats. A nag has only Done: it comes back anyway.
 */
export function reminderActions(job: Job): Rows {
  if (isNagging(job)) return [[action('done', job.id)]];
  const last = [action('done', job.id), action('nag', job.id)];
  if (firesMoreThanOnce(job.schedule)) last.push(action('stop', job.id));
  return [[action('s10', job.id), action('s60', job.id), action('tm', job.id)], last];
}

/** In groups the owner is named so the right person notices; adapters turn `mentions` into pings. */
function addressee(job: Job): string {
  return job.origin.chatType === 'group' && job.owner.name ? `${job.owner.name}: ` : '';
}

/** The body of a delivered reminder, also used when a button edits the message in place. */
export function reminderBody(job: Job, text?: string): string {
  return `⏰ ${addressee(job)}${text || jobSubject(job)}`;
}

/**
 * Formats due jobs for the chat. `meta.mentions` (owner in groups) and `meta.quote` (the
 * replied-to message) use OutgoingMessage's field names so the dispatcher can pass them on.
 */
export function createDeliveryFormatter(): DeliveryFormatter {
  return (job, outcome) => {
    const meta: Record<string, unknown> = {};
    if (job.origin.chatType === 'group') meta['mentions'] = [job.owner.userId];
    const quote = job.kind === 'reminder' ? (job.payload as ReminderPayload | undefined)?.quote : undefined;
    if (quote) meta['quote'] = quote;
    const late = outcome.lateMs >= LATE_NOTICE_MS ? `\n(${formatSpan(outcome.lateMs)} late: Chime was offline)` : '';

    if (outcome.type === 'failure') {
      const actions: Rows = firesMoreThanOnce(job.schedule) && job.status === 'active' ? [[action('stop', job.id)]] : [];
      return { text: `⚠️ ${addressee(job)}${outcome.text}${late}`, ...(actions.length ? { actions } : {}), meta };
    }
    if (job.kind === 'reminder') {
      return { text: `${reminderBody(job, outcome.text)}${late}`, actions: reminderActions(job), meta };
    }
    const actions: Rows = firesMoreThanOnce(job.schedule) ? [[action('stop', job.id)]] : [];
    const head = job.kind === 'command' ? `🤖 ${addressee(job)}${jobSubject(job)}\n` : addressee(job);
    return { text: `${head}${outcome.text}${late}`, ...(actions.length ? { actions } : {}), meta };
  };
}
