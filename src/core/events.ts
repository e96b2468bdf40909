import type { Job } from './job.js';
import type { RunRecord } from './run.js';

/** What a run did, for `task-event` listeners (the outbox dispatcher wakes on them). */
export interface TaskEvent {
  type: 'executed' | 'completed' | 'failed';
  job: Job;
  /** The run's id and outcome; `status` is `running` for `executed`. */
  run: Pick<RunRecord, 'runId' | 'scheduledFor' | 'status' | 'trigger' | 'attempt' | 'lateMs' | 'result' | 'error'>;
}

/**
 * Events the scheduler emits. Listeners must not throw; they run synchronously after the
 * change is committed (a listener never sees a state the store does not have).
 */
export interface SchedulerEvents {
  'task-created': [job: Job];
  'task-updated': [job: Job];
  'task-deleted': [jobId: string];
  'task-paused': [job: Job];
  'task-resumed': [job: Job];
  'task-event': [event: TaskEvent];
}
