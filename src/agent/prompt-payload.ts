import { z } from 'zod';
import { UserError } from '../core/errors.js';
import { parsePayloadWith } from '../core/executors/payload.js';
import { AGENT_OFF, type AgentOperatorLimits } from '../core/ports/agent.js';

/** A prompt job's payload as stored (JSON). */
export interface PromptPayload {
  /** The task, asked afresh at each run. */
  prompt: string;
  /** false: one model call, no tools. Default true. */
  use_react_loop: boolean;
  /** Model calls per run; default the operator's (5), at most CHIME_AGENT_MAX_ITERATIONS. */
  max_iterations?: number | undefined;
  /** Show the model the previous run's answer (a daily digest that should not repeat itself). */
  include_previous_output: boolean;
  /** Tools the run may offer, by name; absent: the catalog's defaults (none that schedule). */
  tools?: string[] | undefined;
}

/** Longest prompt: it is sent at every run, and every run pays for it in tokens. */
const MAX_PROMPT_CHARS = 4000;

const EXAMPLE = '{"prompt":"What should I focus on today?","use_react_loop":true,"max_iterations":5}';

const schema = z
  .object({
    prompt: z
      .string()
      .trim()
      .min(1, 'the prompt is empty')
      .max(MAX_PROMPT_CHARS, `the prompt is longer than ${MAX_PROMPT_CHARS} characters`),
    use_react_loop: z.boolean().default(true),
    max_iterations: z.number().int().min(1).optional(),
    include_previous_output: z.boolean().default(false),
    tools: z.array(z.string().min(1)).max(20).optional(),
  })
  .strict();

/**
 * Checks a prompt payload: refused while the agent is off, above the operator's iteration
 * ceiling, or naming a tool the catalog does not have. Each refusal says what would work.
 */
export function parsePromptPayload(
  raw: unknown,
  opts: { enabled: boolean; limits: AgentOperatorLimits; toolNames: readonly string[] },
): PromptPayload {
  if (!opts.enabled) throw new UserError('agent.off', AGENT_OFF);
  const p = parsePayloadWith(schema, raw, 'prompt', EXAMPLE);
  const ceiling = opts.limits.maxIterationsCeiling;
  if (p.max_iterations !== undefined && p.max_iterations > ceiling) {
    throw new UserError(
      'prompt.iterations',
      `max_iterations ${p.max_iterations} is above this server's ceiling of ${ceiling} (CHIME_AGENT_MAX_ITERATIONS).`,
      `{"prompt":"…","max_iterations":${ceiling}}`,
    );
  }
  const unknown = (p.tools ?? []).filter((t) => !opts.toolNames.includes(t));
  if (unknown.length > 0) {
    throw new UserError(
      'prompt.tools',
      `Unknown tool${unknown.length > 1 ? 's' : ''} ${unknown.map((t) => `"${t}"`).join(', ')}. Available: ${opts.toolNames.join(', ') || 'none'}.`,
    );
  }
  return {
    prompt: p.prompt,
    use_react_loop: p.use_react_loop,
    include_previous_output: p.include_previous_output,
    ...(p.max_iterations !== undefined ? { max_iterations: p.max_iterations } : {}),
    ...(p.tools !== undefined ? { tools: p.tools } : {}),
  };
}
