import { z } from 'zod';
import { ConfigError } from '../core/errors.js';
import type { AgentOperatorLimits } from '../core/ports/agent.js';

/**
 * The agent's settings (CHIME_LLM_*, CHIME_AGENT_*). Without a base URL and a model the agent
 * is off: Chime works as before and every agent feature answers AGENT_OFF (core/ports/agent.ts).
 */
export interface LlmConfig {
  /** OpenAI-compatible server, e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1 (Ollama). */
  baseUrl: string;
  /** Unset for servers that need none (Ollama); the client is then given a placeholder. */
  apiKey?: string;
  model: string;
  /** One model call taking longer fails (ms); the client retries it like a 5xx. Default 60 000. */
  timeoutMs: number;
  /** Retries of a model call answered 429 or 5xx (or timed out), with the client's backoff. Default 2. */
  maxRetries: number;
}

/** `llm` is absent when the agent is off. */
export interface AgentConfig {
  llm?: LlmConfig;
  /** Operator limits of every agent run, whatever a job asks for. */
  limits: AgentOperatorLimits;
}

const DEFAULT_ITERATIONS = 5;

const int = (min: number) => z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min));

/**
 * The variables, in src/config.ts's shape (a schema and the phrase of its error message), so
 * config.ts validates them with the rest and lists them among CONFIG_VARIABLES.
 */
export const AGENT_VARS = {
  CHIME_LLM_BASE_URL: {
    schema: z.url({ protocol: /^https?$/ }).optional(),
    expect: 'a URL such as http://127.0.0.1:11434/v1 or https://api.openai.com/v1',
  },
  CHIME_LLM_API_KEY: { schema: z.string().min(1).optional(), expect: 'a non-empty string' },
  CHIME_LLM_MODEL: { schema: z.string().min(1).optional(), expect: 'a model name such as gpt-4o-mini or llama3.1' },
  CHIME_LLM_TIMEOUT_MS: { schema: int(1).default(60_000), expect: 'a positive integer' },
  CHIME_LLM_MAX_RETRIES: { schema: int(0).default(2), expect: 'a non-negative integer' },
  CHIME_AGENT_MAX_ITERATIONS: { schema: int(1).pipe(z.number().max(50)).default(10), expect: 'an integer from 1 to 50' },
  CHIME_AGENT_TIMEOUT_MS: { schema: int(1).default(120_000), expect: 'a positive integer' },
  CHIME_AGENT_MAX_TOKENS: { schema: int(1).default(20_000), expect: 'a positive integer' },
  CHIME_AGENT_MONTHLY_TOKEN_BUDGET: { schema: int(1).default(200_000), expect: 'a positive integer' },
  CHIME_AGENT_CONCURRENCY: { schema: int(1).default(4), expect: 'a positive integer' },
} as const;

/** Builds the agent's config from values validated against {@link AGENT_VARS}. */
export function agentConfigFrom(v: Record<string, unknown>): AgentConfig {
  const ceiling = v.CHIME_AGENT_MAX_ITERATIONS as number;
  const limits: AgentOperatorLimits = {
    maxIterationsCeiling: ceiling,
    defaultIterations: Math.min(DEFAULT_ITERATIONS, ceiling),
    runTimeoutMs: v.CHIME_AGENT_TIMEOUT_MS as number,
    maxTokensPerRun: v.CHIME_AGENT_MAX_TOKENS as number,
    monthlyTokenBudget: v.CHIME_AGENT_MONTHLY_TOKEN_BUDGET as number,
    concurrency: v.CHIME_AGENT_CONCURRENCY as number,
  };
  const baseUrl = v.CHIME_LLM_BASE_URL as string | undefined;
  const model = v.CHIME_LLM_MODEL as string | undefined;
  // Half a configuration is a mistake, not "off": say which half is missing.
  if ((baseUrl === undefined) !== (model === undefined)) {
    throw new AgentConfigError(
      baseUrl === undefined
        ? 'CHIME_LLM_MODEL is set but CHIME_LLM_BASE_URL is not: set both to enable the agent, or neither'
        : 'CHIME_LLM_BASE_URL is set but CHIME_LLM_MODEL is not: set both to enable the agent, or neither',
    );
  }
  if (baseUrl === undefined || model === undefined) return { limits };
  const apiKey = v.CHIME_LLM_API_KEY as string | undefined;
  const llm: LlmConfig = {
    baseUrl,
    model,
    timeoutMs: v.CHIME_LLM_TIMEOUT_MS as number,
    maxRetries: v.CHIME_LLM_MAX_RETRIES as number,
    ...(apiKey !== undefined ? { apiKey } : {}),
  };
  return { llm, limits };
}

/** Half an agent configuration; the message names the missing setting. */
class AgentConfigError extends ConfigError {
  override name = 'AgentConfigError';
}
