import { ApiError } from './api.js';
import type { Ctx } from './context.js';
import { h } from './dom.js';
import { type JobAction, type ShownJob, alreadyDone, changedMessage } from './job-changed.js';
import type { Job } from './types.js';

/** The job as it is now, from a refusal because it changed since the version sent (412). */
export function changedJob(err: unknown): Job | undefined {
  return err instanceof ApiError && err.status === 412 && err.problem.job ? (err.problem.job as Job) : undefined;
}

const PAST: Record<JobAction, string> = { pause: 'Paused', resume: 'Resumed', run: 'Started a run of', cancel: 'Cancelled' };

/** What a press came to: the job afterwards (not for run now), and, when refused because the job changed elsewhere, the words for it. */
export interface ActionOutcome {
  job?: Job;
  changed?: string;
}

/**
 * One action on one job, as the page shows it: pause, resume and cancel send its version
 * (If-Match), so a job changed elsewhere since (in the chat, another tab) is not acted on
 * unseen: the outcome says what changed, with the job as it is now for the page to show.
 * Run now has no version check in the API and starts the job as it is.
 * Pause, resume and cancel mean the same when repeated, so they are retried through a lost
 * connection; run now is not (a lost answer would run the job twice).
 */
export async function runAction(ctx: Ctx, job: ShownJob, action: JobAction, where: 'page' | 'list'): Promise<ActionOutcome> {
  if (action === 'cancel' && !confirm(`Cancel "${job.name}"? It will never run again.`)) return {};
  try {
    const path = `/api/v1/jobs/${encodeURIComponent(job.id)}/${action}`;
    const result = await ctx.api.send<Job | { jobId: string }>('POST', path, undefined, {
      retry: action !== 'run',
      ...(action !== 'run' ? { ifMatch: job.etag } : {}),
    });
    ctx.say(`${PAST[action]} "${job.name}".`);
    return 'id' in result ? { job: result } : {};
  } catch (err) {
    const now = changedJob(err);
    if (now && alreadyDone(job, now, action)) {
      ctx.say(`${PAST[action]} "${job.name}".`);
      return { job: now };
    }
    if (now) {
      const again = actionsFor(now.status).includes(action) ? LABEL[action] : undefined;
      return { job: now, changed: changedMessage(job, now, { notDone: PAST[action].toLowerCase(), again, where }) };
    }
    ctx.say((err as Error).message, 'error');
    return {};
  }
}

/** Which actions fit a job in this status (run now fits any job still scheduled or paused). */
export function actionsFor(status: string): JobAction[] {
  if (status === 'active') return ['pause', 'run', 'cancel'];
  if (status === 'paused') return ['resume', 'run', 'cancel'];
  return [];
}

const LABEL: Record<JobAction, string> = { pause: 'Pause', resume: 'Resume', run: 'Run now', cancel: 'Cancel' };

/** A button for one action; its accessible name says which job ("Pause stand-up"). */
export function actionButton(
  ctx: Ctx,
  job: ShownJob,
  action: JobAction,
  where: 'page' | 'list',
  done: (outcome: ActionOutcome) => void,
): HTMLElement {
  const button = h('button', {
    type: 'button',
    class: `action action-${action}`,
    'aria-label': `${LABEL[action]} ${job.name}`,
    'data-action': action,
  });
  button.textContent = LABEL[action];
  button.addEventListener('click', async () => {
    button.setAttribute('disabled', '');
    try {
      done(await runAction(ctx, job, action, where));
    } finally {
      button.removeAttribute('disabled');
    }
  });
  return button;
}
