import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/core/errors.js';

describe('agent configuration (CHIME_LLM_*, CHIME_AGENT_*)', () => {
  it('off by default: no llm, and the operator limits have their defaults', () => {
    const { agent } = loadConfig({});
    expect(agent.llm).toBeUndefined();
    expect(agent.limits).toEqual({
      maxIterationsCeiling: 10,
      defaultIterations: 5,
      runTimeoutMs: 120_000,
      maxTokensPerRun: 20_000,
      monthlyTokenBudget: 200_000,
      concurrency: 4,
    });
  });

  it('on with a base URL and a model; the key is optional (Ollama needs none)', () => {
    const { agent } = loadConfig({ CHIME_LLM_BASE_URL: 'http://127.0.0.1:11434/v1', CHIME_LLM_MODEL: 'llama3.1' });
    expect(agent.llm).toEqual({ baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1', timeoutMs: 60_000, maxRetries: 2 });
    const withKey = loadConfig({
      CHIME_LLM_BASE_URL: 'https://api.openai.com/v1',
      CHIME_LLM_MODEL: 'gpt-4o-mini',
      CHIME_LLM_API_KEY: 'sk-x',
      CHIME_LLM_MAX_RETRIES: '0',
    });
    expect(withKey.agent.llm).toMatchObject({ apiKey: 'sk-x', maxRetries: 0 });
  });

  it('half a configuration is refused, naming the missing setting (not silently off)', () => {
    expect(() => loadConfig({ CHIME_LLM_MODEL: 'llama3.1' })).toThrow(ConfigError);
    expect(() => loadConfig({ CHIME_LLM_MODEL: 'llama3.1' })).toThrow(/CHIME_LLM_BASE_URL is not/);
    expect(() => loadConfig({ CHIME_LLM_BASE_URL: 'http://x/v1' })).toThrow(/CHIME_LLM_MODEL is not/);
  });

  it('bad values name the variable; a ceiling below 5 lowers the default iterations with it', () => {
    expect(() => loadConfig({ CHIME_LLM_BASE_URL: 'localhost:11434' })).toThrow(/CHIME_LLM_BASE_URL must be a URL/);
    expect(() => loadConfig({ CHIME_AGENT_MAX_ITERATIONS: '0' })).toThrow(/CHIME_AGENT_MAX_ITERATIONS must be an integer from 1 to 50/);
    expect(() => loadConfig({ CHIME_AGENT_CONCURRENCY: 'many' })).toThrow(/CHIME_AGENT_CONCURRENCY must be a positive integer/);
    expect(loadConfig({ CHIME_AGENT_MAX_ITERATIONS: '3' }).agent.limits).toMatchObject({ maxIterationsCeiling: 3, defaultIterations: 3 });
  });
});
