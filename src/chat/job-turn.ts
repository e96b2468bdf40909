import type { Job } from '../core/job.js';
import { findChangeableJob, normaliseId } from './access.js';
import type { CommandContext } from './command.js';

/**
 * The turn of one job in the chat memory's queue (`turns`). Everything that reads a job and
 * then changes it by what it read takes the job's turn: a press, or a typed command. Otherwise
 * a /cancel landing between a Snooze press's read and its write was undone by the snooze (the
 * reminder came anyway), and an /edit between an Undo's check and its write got the old run
 * time put back onto the new schedule.
 */
export function jobTurnKey(jobId: string): string {
  return `job:${jobId}`;
}

/** The job `rawId` names, which the sender may change, read and acted on in the job's turn. */
export function inJobTurn<T>(ctx: CommandContext, rawId: string, act: (job: Job) => Promise<T>): Promise<T> {
  return ctx.deps.memory.turns.run(jobTurnKey(normaliseId(rawId)), async () => act(await findChangeableJob(ctx, rawId)));
}
