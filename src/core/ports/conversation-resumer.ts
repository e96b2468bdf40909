import type { Job } from '../job.js';

/** A finished job whose completion mode is `resume_conversation`, handed back to the conversation that made it. */
export interface ResumeRequest {
  job: Job;
  /** How the job ended: its success message, or its final failure. */
  outcome: 'success' | 'failure';
  /** The plain notification's text: on_success_message with {result} filled in, or the failure message. */
  text: string;
  /** Aborted at shutdown; pass it on. */
  signal: AbortSignal;
}

/**
 * Re-enters the conversation a `resume_conversation` job came from (seed 002): the agent reads
 * `text`, may act, and its answer replaces the plain notification in the outbox. Undefined (or
 * a throw) means it could not answer: the plain notification goes out instead. Called inside
 * the run's ghost context (SCHEDULER), so it never has a person's memory access. The
 * composition root wires the agent's implementation; core only calls it.
 */
export type ConversationResumer = (request: ResumeRequest) => Promise<string | undefined>;
