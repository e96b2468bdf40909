import { describe, expect, it } from 'vitest';
import { createAgentRuntime } from '../../src/agent/agent-runtime.js';
import { loadConfig } from '../../src/config.js';
import type { AgentTool } from '../../src/core/ports/agent.js';
import { SystemClock } from '../../src/core/system-clock.js';

/**
 * Opt-in: a real model (CHIME_LLM_BASE_URL and CHIME_LLM_MODEL set, e.g. Ollama or OpenAI),
 * through the same runtime Chime uses. Skipped otherwise, so the suite never needs a network.
 */
const env = process.env;
const live = Boolean(env.CHIME_LLM_BASE_URL && env.CHIME_LLM_MODEL);

describe.skipIf(!live)('a live model (CHIME_LLM_* set)', () => {
  it('answers a question that needs a tool, calling it, within the default limits', async () => {
    const agent = createAgentRuntime({ config: loadConfig(env).agent, clock: new SystemClock() });
    const calls: unknown[] = [];
    const add: AgentTool = {
      name: 'add',
      description: 'Adds two integers and returns the sum.',
      parameters: {
        type: 'object',
        properties: { a: { type: 'integer', description: 'first' }, b: { type: 'integer', description: 'second' } },
        required: ['a', 'b'],
      },
      run: async (args) => {
        calls.push(args);
        return (args.a as number) + (args.b as number);
      },
    };
    const r = await agent.runTurn({
      messages: [
        { role: 'system', content: 'Use the add tool for arithmetic, then answer with the number only.' },
        { role: 'user', content: 'What is 1234 + 4321?' },
      ],
      tools: [add],
      signal: new AbortController().signal,
    });
    expect(r.outcome).toBe('answered');
    expect(r.text).toContain('5555');
    expect(r.usage.total).toBeGreaterThan(0);
  }, 180_000);
});
