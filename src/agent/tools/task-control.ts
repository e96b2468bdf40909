import { UserError } from '../../core/errors.js';
import type { AgentTool } from '../../core/ports/agent.js';
import { findVisibleJob } from '../../chat/access.js';
import { cancel } from '../../chat/commands/cancel.js';
import { visibleLiveJobs } from '../../chat/commands/list.js';
import { pause, resume } from '../../chat/commands/pause.js';
import { run } from '../../chat/commands/run.js';
import type { CommandModule } from '../../chat/command.js';
import { echoJob, echoLine } from './job-echo.js';
import { type ToolEnv, asCommand, withExample } from './tool-env.js';

/** Most jobs one list_tasks result carries: a result is context, and context costs tokens. */
const LISTED = 20;

const ID = { type: 'string', description: 'The job id, as list_tasks or an earlier result gave it (e.g. "k7m2qd").' } as const;

function idOf(args: Record<string, unknown>): string {
  const id = typeof args.job_id === 'string' ? args.job_id.trim() : '';
  if (!id) throw new UserError('id.missing', 'Which job? Give its job_id (list_tasks shows them).');
  return id;
}

/**
 * Runs one of the chat layer's own commands on a job for the caller (their rights, their
 * chat; a refusal is the command's own), then reads the job back to say what is stored now.
 */
async function viaCommand(env: ToolEnv, tool: string, module: CommandModule, id: string, verb: string): Promise<Record<string, unknown>> {
  const ctx = asCommand(env, module.name, id);
  const replies = await module.run(ctx);
  const job = await findVisibleJob(ctx, id);
  const echo = await echoJob(job, env);
  env.changes.push({ tool, line: echoLine(verb, echo), created: false });
  return { done: replies.map((r) => r.text).join('\n'), now_stored: echo };
}

/** `list_tasks`: the caller's live jobs here (in a group: the group's), as /list shows them. */
export function listTasks(env: ToolEnv): AgentTool {
  return {
    name: 'list_tasks',
    description:
      'List the live (active and paused) reminders and jobs the person may see here, soonest first, with ids, schedules and next times.',
    parameters: { type: 'object', properties: {} },
    run: async () => {
      const jobs = await visibleLiveJobs(env.chat);
      const shown = await Promise.all(jobs.slice(0, LISTED).map((j) => echoJob(j, env)));
      return { count: jobs.length, jobs: shown, ...(jobs.length > LISTED ? { more: jobs.length - LISTED } : {}) };
    },
  };
}

/** `cancel_task`: /cancel for one job. */
export function cancelTask(env: ToolEnv): AgentTool {
  return {
    name: 'cancel_task',
    description: 'Cancel a reminder or job for good (its owner, or a chat admin in a group).',
    parameters: { type: 'object', properties: { job_id: ID }, required: ['job_id'] },
    run: (args) => withExample(() => viaCommand(env, 'cancel_task', cancel, idOf(args), '🗑 Cancelled')),
  };
}

/** `pause_resume_task`: /pause or /resume. */
export function pauseResumeTask(env: ToolEnv): AgentTool {
  return {
    name: 'pause_resume_task',
    description: 'Pause a reminder or job (it stops firing until resumed), or resume a paused one.',
    parameters: {
      type: 'object',
      properties: { job_id: ID, action: { type: 'string', description: 'pause or resume', enum: ['pause', 'resume'] } },
      required: ['job_id', 'action'],
    },
    run: (args) =>
      withExample(() =>
        args.action === 'resume'
          ? viaCommand(env, 'pause_resume_task', resume, idOf(args), '▶️ Resumed')
          : viaCommand(env, 'pause_resume_task', pause, idOf(args), '⏸ Paused'),
      ),
  };
}

/** `execute_task_now`: /run. */
export function executeTaskNow(env: ToolEnv): AgentTool {
  return {
    name: 'execute_task_now',
    description: 'Run a reminder or job once now, as an extra run: its schedule stays as it is.',
    parameters: { type: 'object', properties: { job_id: ID }, required: ['job_id'] },
    run: (args) => withExample(() => viaCommand(env, 'execute_task_now', run, idOf(args), '▶️ Running now')),
  };
}
