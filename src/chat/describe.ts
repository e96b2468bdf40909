import type { Job } from '../core/job.js';
import { firesMoreThanOnce, type ScheduleBounds } from '../core/schedule.js';
import { formatWallTime, formatWhen, truncate } from './format.js';

/** Payload of a `reminder` job made by the chat layer. */
export interface ReminderPayload {
  text: string;
  /** The replied-to message this reminder is about. */
  quote?: { messageId: string; text?: string; link?: string };
  /** Repeats until Done is pressed ("every 10 minutes until done", the "Nag me" button). */
  nag?: true;
}

/** What a job is about, in one line: reminder text, command, or watched URL. */
export function jobSubject(job: Job): string {
  const p = (job.payload ?? {}) as Record<string, unknown>;
  if (job.kind === 'command') return String(p['command'] ?? p['text'] ?? job.name);
  if (job.kind === 'poll_url') return `watch ${String(p['url'] ?? job.name)}`;
  if (typeof p['text'] === 'string' && p['text']) return p['text'];
  return job.name;
}

/** Bounds in words: "until Thu 31 Dec 23:59", "5 times in all". */
export function describeBounds(bounds: ScheduleBounds, timeZone: string, now: Date): string[] {
  const lines: string[] = [];
  if (bounds.startAt) lines.push(`Starting ${formatWallTime(bounds.startAt, timeZone, now)}`);
  if (bounds.endAt) lines.push(`Until ${formatWallTime(bounds.endAt, timeZone, now)}`);
  if (bounds.maxRuns !== undefined) lines.push(`${bounds.maxRuns} time${bounds.maxRuns === 1 ? '' : 's'} in all`);
  return lines;
}

const STATUS_MARK: Record<Job['status'], string> = {
  active: '',
  paused: ' ⏸ paused',
  completed: ' ✓ done',
  failed: ' ✗ failed',
  cancelled: ' ✗ cancelled',
};

/** One line for /list and /next: `k7m2qd · Mon 23 Nov 09:00 (in 23 hours) · stretch 🔁`. */
export function listLine(job: Job, timeZone: string, now: Date): string {
  const when = job.nextRunAt ? formatWhen(job.nextRunAt, timeZone, now) : 'no next run';
  const repeat = firesMoreThanOnce(job.schedule) ? ' 🔁' : '';
  return `${job.id} · ${when} · ${truncate(jobSubject(job))}${repeat}${STATUS_MARK[job.status]}`;
}
