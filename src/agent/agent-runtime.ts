import { UserError } from '../core/errors.js';
import { AGENT_OFF, type AgentLimits, type AgentRuntime, type AgentTurnRequest } from '../core/ports/agent.js';
import type { Clock } from '../core/ports/clock.js';
import { runAgentTurn } from './agent-loop.js';
import type { AgentConfig } from './llm-config.js';
import { type ModelClient, openAiModelClient } from './model-client.js';
import { TurnSlots } from './turn-slots.js';

/**
 * The agent the composition root hands out: the configured model behind the loop, the
 * operator's limits applied to every turn, and the concurrency cap shared by all callers.
 * Off (no CHIME_LLM_BASE_URL / CHIME_LLM_MODEL, and no `model` given): every turn is refused
 * with AGENT_OFF and nothing else changes.
 */
export function createAgentRuntime(opts: { config: AgentConfig; clock: Clock; model?: ModelClient }): AgentRuntime {
  const { config, clock } = opts;
  const model = opts.model ?? (config.llm ? openAiModelClient(config.llm) : undefined);
  const slots = new TurnSlots(config.limits.concurrency);
  return {
    enabled: model !== undefined,
    limits: config.limits,
    async runTurn(request: AgentTurnRequest) {
      if (!model) throw new UserError('agent.off', AGENT_OFF);
      const limits = turnLimits(config.limits, request.limits);
      return slots.run(request.signal, () => runAgentTurn({ ...request, model, clock, limits }));
    },
  };
}

/** A request's limits, never beyond the operator's (CHIME_AGENT_*). */
function turnLimits(operator: AgentConfig['limits'], asked: Partial<AgentLimits> = {}): AgentLimits {
  return {
    maxIterations: Math.min(asked.maxIterations ?? operator.defaultIterations, operator.maxIterationsCeiling),
    timeoutMs: Math.min(asked.timeoutMs ?? operator.runTimeoutMs, operator.runTimeoutMs),
    maxTokens: Math.min(asked.maxTokens ?? operator.maxTokensPerRun, operator.maxTokensPerRun),
  };
}
