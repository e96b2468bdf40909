import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAgentTurn } from '../../src/agent/agent-loop.js';
import type { AgentLimits, AgentTool } from '../../src/core/ports/agent.js';
import { openAiModelClient } from '../../src/agent/model-client.js';
import { ManualClock } from '../../src/clock.js';
import { MemoryAccessDenied, UserError } from '../../src/core/errors.js';
import { SystemClock } from '../../src/core/system-clock.js';
import { FakeOpenAi } from '../emulators/openai/fake-openai.js';

const LIMITS: AgentLimits = { maxIterations: 5, timeoutMs: 60_000, maxTokens: 100_000 };
const QUESTION = [
  { role: 'system' as const, content: 'You are Chime.' },
  { role: 'user' as const, content: 'What is on today?' },
];

function tool(name: string, run: AgentTool['run']): AgentTool & { calls: Array<Record<string, unknown>> } {
  const calls: Array<Record<string, unknown>> = [];
  return {
    name,
    description: `The ${name} tool`,
    parameters: { type: 'object', properties: { query: { type: 'string', description: 'what to look up' } }, required: ['query'] },
    calls,
    run: async (args, ctx) => {
      calls.push(args);
      return run(args, ctx);
    },
  };
}

let fake: FakeOpenAi;
let model: ReturnType<typeof openAiModelClient>;
beforeEach(async () => {
  fake = new FakeOpenAi();
  const baseUrl = await fake.start();
  model = openAiModelClient({ baseUrl, model: 'fake-model', apiKey: 'sk-test', timeoutMs: 5_000, maxRetries: 2 });
});
afterEach(() => fake.stop());

const turn = (over: Partial<Parameters<typeof runAgentTurn>[0]> = {}) =>
  runAgentTurn({
    model,
    clock: new SystemClock(),
    messages: QUESTION,
    tools: [],
    limits: LIMITS,
    signal: new AbortController().signal,
    ...over,
  });

describe('runAgentTurn against the OpenAI-compatible fake, through the real openai client', () => {
  it('answers in one call: the text, the tokens and the transcript; the model was shown the conversation and the key', async () => {
    fake.reply({ content: '  Standup at 10.  ', usage: { prompt_tokens: 30, completion_tokens: 7 } });
    const r = await turn();
    expect(r.outcome).toBe('answered');
    expect(r.text).toBe('Standup at 10.');
    expect(r.usage).toEqual({ prompt: 30, completion: 7, total: 37 });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.body.model).toBe('fake-model');
    expect(fake.requests[0]?.body.messages.map((m) => m.content)).toEqual(['You are Chime.', 'What is on today?']);
    expect(fake.requests[0]?.authorization).toBe('Bearer sk-test');
    expect(r.transcript.map((e) => e.type)).toEqual(['message', 'message', 'message']);
  });

  it('runs a tool the model calls and shows it the result; tools are offered with their schema', async () => {
    const lookup = tool('lookup', async (args) => ({ found: `agenda for ${String(args.query)}` }));
    fake.reply({ toolCalls: [{ name: 'lookup', arguments: { query: 'today' } }] }, { content: 'You have the agenda.' });
    const r = await turn({ tools: [lookup] });
    expect(r.outcome).toBe('answered');
    expect(lookup.calls).toEqual([{ query: 'today' }]);
    expect(fake.toolsOffered(0)).toEqual(['lookup']);
    expect(fake.requests[0]?.body.tools?.[0]?.function.parameters).toMatchObject({ type: 'object', required: ['query'] });
    expect(fake.toolResultsShown(1)).toEqual(['{"found":"agenda for today"}']);
    expect(r.usage.total).toBe(30);
    expect(r.transcript.filter((e) => e.type === 'tool_result')).toMatchObject([{ name: 'lookup', outcome: 'ok' }]);
  });

  it('a refusal (UserError, or the notes store refusing a ghost) is the tool result the model sees, not a crash', async () => {
    const recall = tool('recall', async () => {
      throw new MemoryAccessDenied('SCHEDULER', 'read');
    });
    const plan = tool('plan', async () => {
      throw new UserError('nope', 'Only admins may schedule.');
    });
    fake.reply(
      {
        toolCalls: [
          { name: 'recall', arguments: { query: 'wifi' } },
          { name: 'plan', arguments: { query: 'x' } },
        ],
      },
      { content: 'I may not read your notes.' },
    );
    const r = await turn({ tools: [recall, plan] });
    expect(r.outcome).toBe('answered');
    const shown = fake.toolResultsShown(1);
    expect(shown[0]).toMatch(/^Refused: Memory read denied for entity type SCHEDULER/);
    expect(shown[1]).toBe('Refused: Only admins may schedule.');
  });

  it('bad arguments and unknown tools are told to the model, which may correct itself', async () => {
    const lookup = tool('lookup', async () => 'ok');
    fake.reply(
      { toolCalls: [{ name: 'lookup', arguments: '{not json' }] },
      { toolCalls: [{ name: 'lookup', arguments: { query: 3 } }] },
      { toolCalls: [{ name: 'delete_everything', arguments: {} }] },
      { toolCalls: [{ name: 'lookup', arguments: {} }] },
      { content: 'done' },
    );
    const r = await turn({ tools: [lookup] });
    expect(r.outcome).toBe('answered');
    expect(lookup.calls).toEqual([]);
    expect(fake.toolResultsShown(4)).toEqual([
      'Invalid arguments: not JSON. Call lookup again with a JSON object.',
      'Invalid arguments: "query" must be a string.',
      'Unknown tool "delete_everything". Available: lookup.',
      'Invalid arguments: "query" is required.',
    ]);
  });

  it('use_react_loop=false: one model call, no tools offered', async () => {
    const lookup = tool('lookup', async () => 'ok');
    fake.reply({ content: 'Plain answer.' });
    const r = await turn({ tools: [lookup], react: false });
    expect(r.outcome).toBe('answered');
    expect(fake.requests[0]?.body.tools).toBeUndefined();
  });

  it('exactly NO_REPLY is the no_reply outcome with no text; NO_REPLY inside a sentence is an answer', async () => {
    fake.reply({ content: ' NO_REPLY\n' });
    expect(await turn()).toMatchObject({ outcome: 'no_reply', text: '' });
    fake.reply({ content: 'I would say NO_REPLY here' });
    expect((await turn()).outcome).toBe('answered');
  });

  it('the iteration cap stops a model that keeps calling tools: a failure, and the last calls are not run', async () => {
    const lookup = tool('lookup', async () => 'more');
    fake.respond(() => ({ toolCalls: [{ name: 'lookup', arguments: { query: 'again' } }] }));
    const r = await turn({ tools: [lookup], limits: { ...LIMITS, maxIterations: 3 } });
    expect(r.outcome).toBe('iteration_cap');
    expect(r.text).toBe('Stopped after 3 model calls without a final answer (max_iterations 3).');
    expect(fake.requests).toHaveLength(3);
    expect(lookup.calls).toHaveLength(2);
    expect(r.transcript.at(-1)).toEqual({ type: 'stop', reason: r.text });
  });

  it('the token cap stops a run whose calls used more than max tokens', async () => {
    const lookup = tool('lookup', async () => 'more');
    fake.respond(() => ({
      toolCalls: [{ name: 'lookup', arguments: { query: 'q' } }],
      usage: { prompt_tokens: 700, completion_tokens: 100 },
    }));
    const r = await turn({ tools: [lookup], limits: { ...LIMITS, maxTokens: 1_000 } });
    expect(r.outcome).toBe('token_cap');
    expect(fake.requests).toHaveLength(2);
    expect(r.usage.total).toBe(1_600);
    expect(r.text).toMatch(/1600 tokens .* limit per run is 1000/);
  });

  it('a hanging model reaches the turn timeout on the injected clock: outcome timeout', async () => {
    const clock = new ManualClock();
    fake.reply({ hang: true });
    const pending = turn({ clock, limits: { ...LIMITS, timeoutMs: 45_000 } });
    await until(() => fake.requests.length === 1);
    await clock.advance(44_000);
    let settled = false;
    void pending.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    await clock.advance(1_000);
    const r = await pending;
    expect(r.outcome).toBe('timeout');
    expect(r.text).toBe("Stopped after 45 s without a final answer (the run's time limit).");
    expect(r.durationMs).toBe(45_000);
  });

  it('a tool that ignores its signal cannot hold the turn past the timeout', async () => {
    const clock = new ManualClock();
    const stuck = tool('stuck', () => new Promise(() => {}));
    fake.reply({ toolCalls: [{ name: 'stuck', arguments: { query: 'q' } }] });
    const pending = turn({ clock, tools: [stuck], limits: { ...LIMITS, timeoutMs: 10_000 } });
    await until(() => stuck.calls.length === 1);
    await clock.advance(10_000);
    expect((await pending).outcome).toBe('timeout');
  });

  it('429 and 500 are retried by the client; an error that stays is model_error saying what the server said', async () => {
    fake.reply({ status: 429, retryAfterMs: 1 }, { status: 500, retryAfterMs: 1 }, { content: 'finally' });
    expect(await turn()).toMatchObject({ outcome: 'answered', text: 'finally' });
    expect(fake.requests).toHaveLength(3);

    fake.reply({ status: 401, message: 'bad key' });
    const r = await turn();
    expect(r.outcome).toBe('model_error');
    expect(r.text).toBe('The model server answered 401 (check CHIME_LLM_API_KEY): 401 bad key');
    expect(fake.requests).toHaveLength(4);
  });

  it('a model call longer than CHIME_LLM_TIMEOUT_MS is retried, then model_error naming the setting', async () => {
    const quick = openAiModelClient({ baseUrl: fake.baseUrl, model: 'm', timeoutMs: 100, maxRetries: 1 });
    fake.reply({ hang: true }, { hang: true });
    const r = await turn({ model: quick });
    expect(r.outcome).toBe('model_error');
    expect(r.text).toBe('The model did not answer within 100 ms (CHIME_LLM_TIMEOUT_MS), tried 2 times.');
    expect(fake.requests).toHaveLength(2);
  });

  it('stopped from outside (shutdown, the job timeout): the abort is thrown, not turned into an outcome', async () => {
    const stop = new AbortController();
    fake.reply({ hang: true });
    const pending = turn({ signal: stop.signal });
    await until(() => fake.requests.length === 1);
    stop.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
}
