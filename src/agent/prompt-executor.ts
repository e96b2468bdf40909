import type { Executor, RunContext, RunResult } from '../core/executor.js';
import type { Job } from '../core/job.js';
import { type AgentUsageStore, usageMonth } from '../core/ports/agent-usage-store.js';
import { AGENT_OFF, type AgentMessage, type AgentRuntime, type AgentTool, type AgentTurnResult } from '../core/ports/agent.js';
import { formatInZone } from '../core/time/zoned.js';
import { NO_REPLY } from './agent-loop.js';
import { type PromptPayload, parsePromptPayload } from './prompt-payload.js';

/**
 * The tools a prompt job's run may offer, from whoever builds tools (the chat's agent tools).
 * `forJob` builds them for one run of `job`: they act as its ghost (SCHEDULER), never as the
 * person, and a tool the job's owner may no longer use is left out there.
 */
export interface PromptToolCatalog {
  /** Every tool name a payload may list. */
  names(): readonly string[];
  /** Tools a payload without `tools` gets: none that schedule or change anything. */
  defaults(): readonly string[];
  forJob(job: Job, names: readonly string[]): AgentTool[];
}

export interface PromptExecutorDeps {
  agent: AgentRuntime;
  usage: AgentUsageStore;
  /** The job's latest successful run's result, for include_previous_output. */
  previousOutput(jobId: string): Promise<string | null>;
  tools?: PromptToolCatalog;
}

/**
 * The tools a job's ghost is offered, by its scheduled run and by the turn that resumes its
 * conversation alike (nobody is at the keyboard in either): the tools a prompt job's payload
 * lists, otherwise the catalog's defaults, which change nothing.
 */
export function ghostToolNames(job: Job, catalog: PromptToolCatalog): readonly string[] {
  const listed = job.kind === 'prompt' ? (job.payload as { tools?: unknown }).tools : undefined;
  return Array.isArray(listed) ? listed.filter((t): t is string => typeof t === 'string') : catalog.defaults();
}

const NO_TOOLS: PromptToolCatalog = { names: () => [], defaults: () => [], forJob: () => [] };

/**
 * Job kind `prompt`: each run asks the model the job's prompt in a fresh conversation, as the
 * job's ghost (the runner runs it as SCHEDULER in ghost_scheduler_<id>). The answer is the
 * run's result and goes to the origin chat through the outbox like any job's; NO_REPLY
 * delivers nothing. Caps and timeouts fail the run. Tokens count against the job's monthly
 * budget; once it is spent the job pauses and its owner is told why.
 */
export function promptExecutor(deps: PromptExecutorDeps): Executor<PromptPayload> {
  const tools = deps.tools ?? NO_TOOLS;
  const { agent } = deps;
  return {
    kind: 'prompt',
    parsePayload: (raw) => parsePromptPayload(raw, { enabled: agent.enabled, limits: agent.limits, toolNames: tools.names() }),
    async run(job, ctx) {
      if (!agent.enabled) return { status: 'failed', error: AGENT_OFF, retryable: false };
      const budget = agent.limits.monthlyTokenBudget;
      const month = usageMonth(ctx.clock.now());
      const before = await deps.usage.tokensUsed(job.id, month);
      if (before >= budget) {
        const why = budgetSpent(job, before, budget);
        return { status: 'failed', error: why, retryable: false, pauseJob: pausedNotice(job, why) };
      }
      const p = job.payload;
      const turn = await agent.runTurn({
        messages: await conversation(job, ctx, deps),
        tools: p.use_react_loop ? tools.forJob(job, ghostToolNames(job, tools)) : [],
        limits: p.max_iterations !== undefined ? { maxIterations: p.max_iterations } : {},
        react: p.use_react_loop,
        signal: ctx.signal,
      });
      // Counted whatever the outcome: a failed run's tokens were spent too.
      const spent = await deps.usage.addTokens(job.id, month, turn.usage.total, ctx.clock.now());
      const result = resultOf(turn);
      return spent >= budget ? { ...result, pauseJob: pausedNotice(job, budgetSpent(job, spent, budget)) } : result;
    },
  };
}

function resultOf(turn: AgentTurnResult): RunResult {
  const agent = { outcome: turn.outcome, usage: turn.usage, modelMs: turn.modelMs, transcript: turn.transcript };
  switch (turn.outcome) {
    case 'answered':
      return { status: 'done', result: turn.text, agent };
    case 'no_reply':
      return { status: 'done', result: NO_REPLY, deliver: false, agent };
    case 'model_error':
      // The server may be back by the retry (the client's own retries were quick ones).
      return { status: 'failed', error: turn.text, agent };
    default:
      // A cap or the time limit: the same prompt would hit it again, and pay for it again.
      return { status: 'failed', error: turn.text, retryable: false, agent };
  }
}

async function conversation(job: Job<PromptPayload>, ctx: RunContext, deps: PromptExecutorDeps): Promise<AgentMessage[]> {
  const system = [
    `You are Chime, a scheduling assistant, running the scheduled task "${job.name}" (job ${job.id}) on its own: nobody is chatting with you now.`,
    `It is ${formatInZone(ctx.clock.now(), job.timeZone)} (${job.timeZone}). This run was due at ${formatInZone(ctx.scheduledFor, job.timeZone)}.`,
    'Your final answer is posted to the chat the task came from. Keep it short and useful.',
    `If there is nothing worth telling them this time, answer exactly ${NO_REPLY} and nothing else.`,
    "You act as the scheduler, not as the person: you cannot read or change the person's notes.",
  ].join('\n');
  const messages: AgentMessage[] = [{ role: 'system', content: system }];
  if (job.payload.include_previous_output) {
    const previous = await deps.previousOutput(job.id);
    if (previous !== null)
      messages.push({
        role: 'user',
        content: `Your answer at the previous run was:\n${previous}\n\nDo not repeat it unless it still matters.`,
      });
  }
  messages.push({ role: 'user', content: job.payload.prompt });
  return messages;
}

function budgetSpent(job: Job, used: number, budget: number): string {
  return `"${job.name}" used ${used} of its ${budget} tokens this month (CHIME_AGENT_MONTHLY_TOKEN_BUDGET).`;
}

function pausedNotice(job: Job, why: string): string {
  return `⏸️ Paused ${job.id}: ${why} It stays paused until you /resume ${job.id} (next month its budget is fresh).`;
}
