/**
 * The agent's own cost, on the OpenAI fake over real HTTP through the real `openai` client, in
 * the real app (SQLite file, scheduler, outbox dispatcher, a recording sender):
 *
 * agent_overhead_per_run_p50_ms / _p99_ms: 300 prompt jobs, each run one tool call and one
 * answer (two model calls); per run, the run's duration (claim to settle, the run record)
 * minus the time spent waiting for the model: budget read, prompt, loop, tool, token count,
 * transcript and settle. Runs one at a time, so no run waits for a slot. Millisecond clock, so
 * small figures are coarse.
 *
 * agent_1000_prompt_jobs_2s_model: 1,000 prompt jobs due at once, the fake model taking 2 s
 * per call, CHIME_AGENT_CONCURRENCY=100: seconds until every answer was delivered (the floor
 * is 1000 × 2 s / 100 = 20 s), and the most calls the model saw at once (must be ≤ the cap).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { CLI_OWNER } from '../src/cli/schedule-input.js';
import { loadConfig } from '../src/config.js';
import type { Sender } from '../src/core/ports/sender.js';
import { silentLogger } from '../src/log.js';
import { FakeOpenAi } from '../test/emulators/openai/fake-openai.js';

async function withApp<T>(
  env: Record<string, string>,
  model: FakeOpenAi,
  fn: (app: ReturnType<typeof createApp>, delivered: () => number) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'chime-bench-agent-'));
  let sent = 0;
  const sender: Sender = {
    platform: 'bench',
    async send() {
      sent++;
      return { messageId: `m${sent}` };
    },
  };
  const config = loadConfig({ CHIME_DB: join(dir, 'chime.db'), CHIME_LLM_BASE_URL: model.baseUrl, CHIME_LLM_MODEL: 'fake', ...env });
  const app = createApp({ config, logger: silentLogger(), senders: [sender] });
  try {
    return await fn(app, () => sent);
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function createDue(app: ReturnType<typeof createApp>, n: number): Promise<void> {
  const at = new Date(Date.now() + 1500);
  for (let i = 0; i < n; i++) {
    await app.scheduler.createJob({
      name: `agent-${i}`,
      kind: 'prompt',
      payload: { prompt: `Task ${i}: what is new?` },
      owner: CLI_OWNER,
      origin: { platform: 'bench', chatId: `c${i}` },
      schedule: { kind: 'once', at },
      timeZone: 'UTC',
    });
  }
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error('bench agent: timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

async function overhead(model: FakeOpenAi): Promise<void> {
  const N = 300;
  // The tool: what a prompt job's tool costs at least (no tools wired: an unknown-tool answer, still a round trip through the loop).
  model.respond((req) =>
    req.body.messages.some((m) => m.role === 'tool') ? { content: 'Nothing new.' } : { toolCalls: [{ name: 'lookup', arguments: {} }] },
  );
  // One run at a time: a run's duration then holds no wait for a run or agent slot.
  await withApp({ CHIME_MAX_CONCURRENT: '1', CHIME_AGENT_CONCURRENCY: '1' }, model, async (app, delivered) => {
    await createDue(app, N);
    await app.start();
    await until(() => delivered() === N, 120_000);
    const runs = await app.store.jobs.listRuns({ status: 'success', limit: N });
    if (runs.length !== N) throw new Error(`expected ${N} runs, found ${runs.length}`);
    const own = runs.map((r) => (r.durationMs ?? 0) - (r.agent?.modelMs ?? 0)).sort((a, b) => a - b);
    console.log(`agent_overhead_per_run_p50_ms: ${pct(own, 50).toFixed(1)} ms`);
    console.log(`agent_overhead_per_run_p99_ms: ${pct(own, 99).toFixed(1)} ms`);
  });
}

async function thousand(model: FakeOpenAi): Promise<void> {
  const N = 1000;
  const CAP = 100;
  model.inFlight = 0;
  model.maxInFlight = 0;
  model.respond(() => ({ content: 'Done.', delayMs: 2000 }));
  await withApp({ CHIME_AGENT_CONCURRENCY: String(CAP) }, model, async (app, delivered) => {
    await createDue(app, N);
    await app.start();
    const due = Date.now() + 1500;
    await until(() => delivered() === N, 600_000);
    const seconds = (Date.now() - due) / 1000;
    if (model.maxInFlight > CAP) throw new Error(`concurrency cap broken: ${model.maxInFlight} > ${CAP}`);
    console.log(`agent_1000_prompt_jobs_2s_model: ${seconds.toFixed(1)} s`);
    console.log(`agent_1000_prompt_jobs_2s_model_max_concurrent: ${model.maxInFlight} calls (cap ${CAP})`);
  });
}

const model = new FakeOpenAi();
await model.start();
try {
  await overhead(model);
  await thousand(model);
} finally {
  await model.stop();
}
