import type { CommandContext } from '../../chat/command.js';
import type { Job } from '../../core/job.js';
import type { PromptToolCatalog } from '../prompt-executor.js';
import { schedulingTools } from './index.js';

/** Every tool a prompt job may list: the scheduling tools without the admins' cleanup. */
export const PROMPT_TOOL_NAMES: readonly string[] = [
  'schedule_task',
  'list_tasks',
  'cancel_task',
  'pause_resume_task',
  'execute_task_now',
  'add_job',
  'list_jobs',
  'cancel_job',
  'cancel_workflow',
  'remember',
  'recall',
];

/** What a prompt job gets when its payload names no tools: reading only, nothing that schedules or changes. */
const READ_ONLY: readonly string[] = ['list_tasks', 'list_jobs'];

/**
 * The scheduling tools for prompt jobs' runs (job kind `prompt`): built per run with the job's
 * ghost context (its owner's rights in its chat only), never Chime-admin tools; the notes store
 * refuses the run's SCHEDULER context, so remember/recall are refused there.
 */
export function promptToolCatalog(ghostContext: (job: Job) => CommandContext): PromptToolCatalog {
  return {
    names: () => PROMPT_TOOL_NAMES,
    defaults: () => READ_ONLY,
    forJob: (job, names) =>
      schedulingTools({ chat: ghostContext(job), isChimeAdmin: false, changes: [] }).filter((t) => names.includes(t.name)),
  };
}
