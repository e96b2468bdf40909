import type { Job } from '../core/job.js';
import { firesMoreThanOnce } from '../core/schedule.js';
import { nextFires } from '../core/schedule-next.js';
import { formatLocalTime, formatWhen, truncate } from './format.js';
import { ruleInWords } from '../core/schedule-words.js';

/** Payload of a `reminder` job made by the chat layer. */
export interface ReminderPayload {
  text: string;
  /** The replied-to message this reminder is about (no id once its chat moved: chat-move.ts). */
  quote?: { messageId?: string; text?: string; link?: string };
  /** Repeats until Done is pressed ("every 10 minutes until done", the "Nag me" button). */
  nag?: true;
}

/** What a job is about, in one line: reminder text, command, or watched URL. */
export function jobSubject(job: Job): string {
  const p = (job.payload ?? {}) as Record<string, unknown>;
  if (job.kind === 'command') return String(p.command ?? p.text ?? job.name);
  if (job.kind === 'poll_url') return `watch ${String(p.url ?? job.name)}`;
  if (typeof p.text === 'string' && p.text) return p.text;
  return job.name;
}

/** More fires than this before an end date are not counted out ("until dec 31" of an hourly repeat). */
const COUNTED_UP_TO = 20;

/**
 * Bounds in words: "Until Sun 6 Dec 12:00, 3 times left", "5 times in all, 2 left". A person
 * who said "every day at 9 for 3 days" or "3 times" reads how many are to come, not only an
 * end instant; the count comes from the schedule engine, as the scheduler's fires do.
 */
export function describeBounds(job: Pick<Job, 'schedule' | 'bounds' | 'runCount' | 'timeZone'>, timeZone: string, now: Date): string[] {
  const { bounds } = job;
  const lines: string[] = [];
  const left = () => nextFires(job.schedule, job.timeZone, now, COUNTED_UP_TO + 1, bounds, job.runCount).length;
  if (bounds.startAt) lines.push(`Starting ${formatLocalTime(bounds.startAt, timeZone, now)}`);
  if (bounds.endAt) {
    const n = bounds.maxRuns === undefined && firesMoreThanOnce(job.schedule) ? left() : COUNTED_UP_TO + 1;
    const count = n <= COUNTED_UP_TO ? `, ${n} time${n === 1 ? '' : 's'} left` : '';
    lines.push(`Until ${formatLocalTime(bounds.endAt, timeZone, now)}${count}`);
  }
  if (bounds.maxRuns !== undefined) {
    const done = job.runCount > 0 ? `, ${Math.max(0, bounds.maxRuns - job.runCount)} left` : '';
    lines.push(`${bounds.maxRuns} time${bounds.maxRuns === 1 ? '' : 's'} in all${done}`);
  }
  return lines;
}

const STATUS_MARK: Record<Job['status'], string> = {
  active: '',
  paused: ' ⏸ paused',
  completed: ' ✓ done',
  failed: ' ✗ failed',
  cancelled: ' ✗ cancelled',
};

/** A repeating job's rule and bounds in words (` · 🔁 every weekday at 09:00, Europe/Berlin (until …)`); nothing for a one-off. */
function ruleSuffix(job: Job, timeZone: string, now: Date): string {
  if (!firesMoreThanOnce(job.schedule)) return '';
  const bounds = describeBounds(job, timeZone, now).map((b) => b.toLowerCase());
  return ` · 🔁 ${ruleInWords(job)}${bounds.length ? ` (${bounds.join(', ')})` : ''}`;
}

/**
 * One line for /list and /next: next time, text, and for a repetition its rule in words:
 * `k7m2qd · Mon 23 Nov 09:00 (in 23 hours) · standup · 🔁 every weekday at 09:00, Europe/Berlin`.
 */
export function listLine(job: Job, timeZone: string, now: Date): string {
  const when = job.nextRunAt ? formatWhen(job.nextRunAt, timeZone, now) : 'no next run';
  return `${job.id} · ${when} · ${truncate(jobSubject(job))}${ruleSuffix(job, timeZone, now)}${STATUS_MARK[job.status]}`;
}

/** One line for a finished job in `/list all`: `k7m2qd · cancelled Sun 22 Nov 10:05 · stretch`. */
export function finishedLine(job: Job, timeZone: string, now: Date): string {
  const at = job.completedAt ?? job.updatedAt;
  const status = job.status === 'completed' ? 'done' : job.status;
  return `${job.id} · ${status} ${formatLocalTime(at, timeZone, now)} · ${truncate(jobSubject(job))}${ruleSuffix(job, timeZone, now)}`;
}
