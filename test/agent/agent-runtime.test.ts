import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAgentRuntime } from '../../src/agent/agent-runtime.js';
import { loadConfig } from '../../src/config.js';
import { AGENT_OFF, type AgentTool } from '../../src/core/ports/agent.js';
import { SystemClock } from '../../src/core/system-clock.js';
import { FakeOpenAi } from '../emulators/openai/fake-openai.js';

let fake: FakeOpenAi;
beforeEach(async () => {
  fake = new FakeOpenAi();
  await fake.start();
});
afterEach(() => fake.stop());

const ask = { messages: [{ role: 'user' as const, content: 'hi' }], tools: [] as AgentTool[], signal: new AbortController().signal };
const configured = (env: Record<string, string> = {}) =>
  loadConfig({ CHIME_LLM_BASE_URL: fake.baseUrl, CHIME_LLM_MODEL: 'fake', ...env }).agent;

describe('the agent runtime (what the composition root hands out)', () => {
  it('off without a model: refuses every turn with the one AGENT_OFF line and calls nothing', async () => {
    const agent = createAgentRuntime({ config: loadConfig({}).agent, clock: new SystemClock() });
    expect(agent.enabled).toBe(false);
    await expect(agent.runTurn(ask)).rejects.toMatchObject({ name: 'UserError', message: AGENT_OFF });
    expect(AGENT_OFF).toBe('The agent is off: set CHIME_LLM_BASE_URL and CHIME_LLM_MODEL to enable it.');
    expect(fake.requests).toHaveLength(0);
  });

  it('max_iterations above the operator ceiling is held at the ceiling', async () => {
    const agent = createAgentRuntime({ config: configured({ CHIME_AGENT_MAX_ITERATIONS: '2' }), clock: new SystemClock() });
    const loop: AgentTool = { name: 't', description: 'd', parameters: { type: 'object', properties: {} }, run: async () => 'again' };
    fake.respond(() => ({ toolCalls: [{ name: 't', arguments: {} }] }));
    const r = await agent.runTurn({ ...ask, tools: [loop], limits: { maxIterations: 9 } });
    expect(r.outcome).toBe('iteration_cap');
    expect(fake.requests).toHaveLength(2);
  });

  it('CHIME_AGENT_CONCURRENCY holds: twelve turns at once, never more than three at the model', async () => {
    const agent = createAgentRuntime({ config: configured({ CHIME_AGENT_CONCURRENCY: '3' }), clock: new SystemClock() });
    fake.respond(() => ({ content: 'ok', delayMs: 30 }));
    const results = await Promise.all(Array.from({ length: 12 }, () => agent.runTurn(ask)));
    expect(results.every((r) => r.outcome === 'answered')).toBe(true);
    expect(fake.maxInFlight).toBe(3);
  });

  it('a turn waiting for a slot is abandoned when its signal aborts', async () => {
    const agent = createAgentRuntime({ config: configured({ CHIME_AGENT_CONCURRENCY: '1' }), clock: new SystemClock() });
    fake.reply({ content: 'slow', delayMs: 100 });
    const first = agent.runTurn(ask);
    const stop = new AbortController();
    const second = agent.runTurn({ ...ask, signal: stop.signal });
    stop.abort();
    await expect(second).rejects.toMatchObject({ name: 'AbortError' });
    expect((await first).text).toBe('slow');
    expect(fake.requests).toHaveLength(1);
  });
});
