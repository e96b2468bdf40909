import type { Ctx } from './context.js';
import { h } from './dom.js';
import type { Job } from './types.js';

export type JobAction = 'pause' | 'resume' | 'run' | 'cancel';

const PAST: Record<JobAction, string> = { pause: 'Paused', resume: 'Resumed', run: 'Started a run of', cancel: 'Cancelled' };

/**
 * One action on one job. Pause, resume and cancel mean the same when repeated, so they are
 * retried through a lost connection; run now is not (a lost answer would run the job twice).
 * Returns the job afterwards (not for run now), or undefined when refused (already said).
 */
export async function runAction(ctx: Ctx, job: { id: string; name: string }, action: JobAction): Promise<Job | undefined> {
  if (action === 'cancel' && !confirm(`Cancel "${job.name}"? It will never run again.`)) return undefined;
  try {
    const path = `/api/v1/jobs/${encodeURIComponent(job.id)}/${action}`;
    const result = await ctx.api.send<Job | { jobId: string }>('POST', path, undefined, { retry: action !== 'run' });
    ctx.say(`${PAST[action]} "${job.name}".`);
    return 'id' in result ? result : undefined;
  } catch (err) {
    ctx.say((err as Error).message, 'error');
    return undefined;
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
  job: { id: string; name: string },
  action: JobAction,
  done: (job: Job | undefined) => void,
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
      done(await runAction(ctx, job, action));
    } finally {
      button.removeAttribute('disabled');
    }
  });
  return button;
}
