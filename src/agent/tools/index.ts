import type { AgentTool } from '../../core/ports/agent.js';
import { registerCleanup, runCleanup } from './cleanup.js';
import { addJob, cancelJob, cancelWorkflow, listJobs } from './monitor-jobs.js';
import { recallNotes, rememberNote } from './notes.js';
import { scheduleTask } from './schedule-task.js';
import { cancelTask, executeTaskNow, listTasks, pauseResumeTask } from './task-control.js';
import type { ToolEnv } from './tool-env.js';

export type { CleanupPort, StoredChange, ToolEnv } from './tool-env.js';

/**
 * The tools offered to the model in one turn, named as in the scheduler seeds (001, 002), each
 * acting with the caller's rights in the caller's chat through the chat layer's own rules. The
 * cleanup tools are offered to Chime's admins only, so nobody else is even shown them.
 */
export function schedulingTools(env: ToolEnv): AgentTool[] {
  const tools = [
    scheduleTask(env),
    listTasks(env),
    cancelTask(env),
    pauseResumeTask(env),
    executeTaskNow(env),
    addJob(env),
    listJobs(env),
    cancelJob(env),
    cancelWorkflow(env),
    rememberNote(env),
    recallNotes(env),
  ];
  return env.isChimeAdmin && env.cleanup ? [...tools, registerCleanup(env), runCleanup(env)] : tools;
}
