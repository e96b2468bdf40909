import type { Job } from '../../core/job.js';
import { firesMoreThanOnce } from '../../core/schedule.js';
import { jobSubject } from '../../chat/describe.js';
import { formatLocalTime } from '../../chat/format.js';
import { ruleInWords } from '../../core/schedule-words.js';
import type { ToolEnv } from './tool-env.js';

/** How many fire times a tool result lists. */
const FIRES_SHOWN = 3;

/** What a tool tells the model about a stored job: exactly what the store holds, in words. */
export interface JobEcho {
  job_id: string;
  kind: string;
  what: string;
  status: Job['status'];
  schedule: string;
  time_zone: string;
  /** The next fire times in the job's own zone ("Mon 7 Dec 09:00"). */
  next_fires_local: string[];
  delivered_to: string;
  workflow_id?: string;
  on_complete?: Job['completionMode'];
}

/** Where the job's messages go, from the caller's point of view. */
function deliveredTo(job: Job, env: ToolEnv): string {
  const o = job.origin;
  const here = o.platform === env.chat.msg.platform && o.chatId === env.chat.msg.chatId;
  const place = o.chatType === 'group' ? 'group chat' : 'private chat';
  const thread = o.threadId !== undefined ? `, thread ${o.threadId}` : '';
  return `${here ? `this ${place}` : `${o.platform} ${place} ${o.chatId}`}${thread}`;
}

/** The stored job as the model should repeat it: id, schedule as understood, zone, next fires, destination. */
export async function echoJob(job: Job, env: ToolEnv): Promise<JobEcho> {
  const now = env.chat.now;
  const fires = job.status === 'active' ? await env.chat.deps.scheduler.nextRuns({ jobId: job.id, count: FIRES_SHOWN }) : [];
  const first = job.nextRunAt;
  const schedule = firesMoreThanOnce(job.schedule)
    ? ruleInWords(job)
    : first
      ? `once, ${formatLocalTime(first, job.timeZone, now)}`
      : 'once (nothing due)';
  return {
    job_id: job.id,
    kind: job.kind,
    what: jobSubject(job),
    status: job.status,
    schedule,
    time_zone: job.timeZone,
    next_fires_local: fires.map((f) => formatLocalTime(f.at, job.timeZone, now)),
    delivered_to: deliveredTo(job, env),
    ...(job.workflowId ? { workflow_id: job.workflowId } : {}),
    ...(job.kind !== 'reminder' && job.kind !== 'command' ? { on_complete: job.completionMode } : {}),
  };
}

/** The confirmation line a person sees for a stored job, built from the echo (never from the model). */
export function echoLine(verb: string, e: JobEcho): string {
  const next = e.next_fires_local.length ? `; next: ${e.next_fires_local.join(', ')}` : '';
  return `${verb} [${e.job_id}] ${e.what} — ${e.schedule} (${e.time_zone})${next}; delivered to ${e.delivered_to}.`;
}
