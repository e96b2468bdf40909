import { describe, expect, it } from 'vitest';
import { promptExecutor } from '../../src/agent/prompt-executor.js';
import type { PromptPayload } from '../../src/agent/prompt-payload.js';
import { ManualClock } from '../../src/clock.js';
import type { RunContext } from '../../src/core/executor.js';
import type { Job } from '../../src/core/job.js';
import type { AgentUsageStore } from '../../src/core/ports/agent-usage-store.js';
import type { AgentOperatorLimits, AgentRuntime, AgentTurnRequest } from '../../src/core/ports/agent.js';
import { schedulerContext } from '../../src/core/runtime-context.js';

const LIMITS: AgentOperatorLimits = {
  maxIterationsCeiling: 10,
  defaultIterations: 5,
  runTimeoutMs: 1000,
  maxTokensPerRun: 1000,
  monthlyTokenBudget: 100,
  concurrency: 1,
};

function setup(opts: { used?: number; previous?: string | null } = {}) {
  const asked: AgentTurnRequest[] = [];
  const usage = new Map<string, number>([['j1:2026-11', opts.used ?? 0]]);
  const agent: AgentRuntime = {
    enabled: true,
    limits: LIMITS,
    async runTurn(req) {
      asked.push(req);
      return { outcome: 'answered', text: 'ok', transcript: [], usage: { prompt: 8, completion: 2, total: 10 }, durationMs: 1, modelMs: 1 };
    },
  };
  const store: AgentUsageStore = {
    addTokens: (jobId, month, tokens) => {
      const k = `${jobId}:${month}`;
      usage.set(k, (usage.get(k) ?? 0) + tokens);
      return usage.get(k)!;
    },
    tokensUsed: (jobId, month) => usage.get(`${jobId}:${month}`) ?? 0,
  };
  const exec = promptExecutor({ agent, usage: store, previousOutput: async () => opts.previous ?? null });
  return { exec, asked, usage };
}

const clock = new ManualClock('2026-11-23T08:00:00Z');
const ctx: RunContext = {
  clock,
  signal: new AbortController().signal,
  ghost: schedulerContext('j1', 'tg_1'),
  attempt: 1,
  scheduledFor: clock.now(),
};
const job = (payload: Partial<PromptPayload>): Job<PromptPayload> =>
  ({
    id: 'j1',
    name: 'digest',
    timeZone: 'Europe/Berlin',
    payload: { prompt: 'What is new?', use_react_loop: true, include_previous_output: false, ...payload },
  }) as Job<PromptPayload>;

describe('the prompt executor', () => {
  it('asks the prompt in a fresh conversation that says what it is and when (the job zone), and counts its tokens', async () => {
    const { exec, asked, usage } = setup();
    expect(await exec.run(job({}), ctx)).toMatchObject({ status: 'done', result: 'ok', agent: { outcome: 'answered' } });
    const [system, user] = asked[0]!.messages;
    expect(system?.content).toContain('running the scheduled task "digest" (job j1) on its own');
    expect(system?.content).toContain('2026-11-23T09:00:00+01:00 (Europe/Berlin)');
    expect(system?.content).toContain('answer exactly NO_REPLY');
    expect(user).toEqual({ role: 'user', content: 'What is new?' });
    expect(usage.get('j1:2026-11')).toBe(10);
  });

  it('include_previous_output shows the last answer before the prompt; use_react_loop=false offers no tools and passes react false', async () => {
    const { exec, asked } = setup({ previous: 'Yesterday: the release.' });
    await exec.run(job({ include_previous_output: true, use_react_loop: false, max_iterations: 2 }), ctx);
    expect(asked[0]!.messages.map((m) => m.content)).toEqual([
      expect.any(String),
      expect.stringContaining('Yesterday: the release.'),
      'What is new?',
    ]);
    expect(asked[0]).toMatchObject({ react: false, tools: [], limits: { maxIterations: 2 } });
  });

  it('a budget already spent: no model call, a failed run that is not retried, and the job asks to pause with the reason', async () => {
    const { exec, asked } = setup({ used: 100 });
    const r = await exec.run(job({}), ctx);
    expect(asked).toHaveLength(0);
    expect(r).toMatchObject({
      status: 'failed',
      retryable: false,
      pauseJob: expect.stringContaining('used 100 of its 100 tokens this month'),
    });
  });

  it('the run that spends the budget still delivers its answer, and asks to pause', async () => {
    const { exec } = setup({ used: 95 });
    expect(await exec.run(job({}), ctx)).toMatchObject({
      status: 'done',
      result: 'ok',
      pauseJob: expect.stringContaining('used 105 of its 100'),
    });
  });

  it('payload checks: an empty prompt, unknown fields and unknown tools are refused with the reason', () => {
    const { exec } = setup();
    expect(() => exec.parsePayload({ prompt: '  ' })).toThrow(/the prompt is empty/);
    expect(() => exec.parsePayload({ prompt: 'x', colour: 'red' })).toThrow(/Invalid prompt payload/);
    expect(() => exec.parsePayload({ prompt: 'x', tools: ['rm_rf'] })).toThrow('Unknown tool "rm_rf". Available: none.');
    expect(exec.parsePayload({ prompt: 'x' })).toEqual({ prompt: 'x', use_react_loop: true, include_previous_output: false });
  });
});
