import type { DeliveryFormatter, RunResult } from './executor.js';
import type { Logger } from './ports/logger.js';
import type { ConversationResumer } from './ports/conversation-resumer.js';
import type { ClaimedRun, RunStatus } from './run.js';
import { type Plan, planSettlement } from './settlement-plan.js';

/** What planSettlement takes, in one object. */
interface PlanInput {
  run: ClaimedRun;
  occurrence: Date;
  result: RunResult;
  status: RunStatus;
  now: Date;
  formatter: DeliveryFormatter;
}

/**
 * The settlement of a `resume_conversation` job's run. Planned as usual first; when that plan
 * delivers a message (the job succeeded, or finally failed), the conversation that made the
 * job is resumed with the message's text, and the agent's answer replaces the text in the
 * same outbox row, written in the run's transaction like any message. The agent unreachable,
 * failing or silent: the plain message goes out as planned. Pending checks and retries
 * deliver nothing and resume nothing.
 */
export async function resumedPlan(
  input: PlanInput,
  deps: { resumer?: ConversationResumer; logger: Logger },
  shutdown: AbortSignal,
): Promise<Plan> {
  const seen: Array<{ type: 'success' | 'failure'; text: string }> = [];
  const capture: DeliveryFormatter = (job, outcome) => {
    // A skipped occurrence's notice is not a result to carry the conversation on with.
    if (outcome.type !== 'skipped') seen.push({ type: outcome.type, text: outcome.text });
    return input.formatter(job, outcome);
  };
  const plain = planSettlement(input.run, input.occurrence, input.result, input.status, input.now, capture);
  const delivered = seen[0];
  if (!deps.resumer || !delivered) return plain;
  const job = input.run.job;
  let answer: string | undefined;
  try {
    answer = await deps.resumer({ job, outcome: delivered.type, text: delivered.text, signal: shutdown });
  } catch (err) {
    deps.logger.warn({ err, job_id: job.id }, 'resume_conversation failed; sending the plain message');
  }
  if (!answer?.trim()) return plain;
  const resumed: DeliveryFormatter = (j, outcome) => input.formatter(j, { ...outcome, text: answer });
  return planSettlement(input.run, input.occurrence, input.result, input.status, input.now, resumed);
}
