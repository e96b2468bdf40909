import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramAdapter } from '../../adapters/telegram/index.js';
import type { PromptToolCatalog } from '../../src/agent/prompt-executor.js';
import { type App, createApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { AGENT_OFF } from '../../src/core/ports/agent.js';
import { currentContext } from '../../src/core/runtime-context.js';
import { Writable } from 'node:stream';
import pino from 'pino';
import { FakeOpenAi } from '../emulators/openai/fake-openai.js';
import { FakeBotApi, type FakeChatSpec } from '../emulators/telegram/fake-bot-api.js';

/**
 * Prompt jobs end to end: the real app (SQLite file, scheduler, outbox, chat layer, Telegram
 * adapter) against the Bot API fake, the agent through the real `openai` client against the
 * OpenAI fake, on a ManualClock. What the model was shown is read from the fake's record.
 */

const sam: User = { id: 601, is_bot: false, first_name: 'Sam' };
const MIN = 60_000;

describe('prompt jobs on Telegram (Bot API fake, OpenAI fake, real app)', () => {
  let api: FakeBotApi;
  let model: FakeOpenAi;
  let dir: string;
  let clock: ManualClock;
  let app: App;
  let samChat: FakeChatSpec;
  let forum: FakeChatSpec;
  /** What each tool call saw: the acting context, so the test knows it ran as the ghost. */
  let toolSessions: string[];
  /** The app's log lines (JSON), for the one line per run. */
  let logLines: Array<Record<string, unknown>>;

  /** Tools for the test: one that lists the owner's jobs, one that reads the owner's notes. */
  const catalog: PromptToolCatalog = {
    names: () => ['list_my_jobs', 'recall_notes'],
    defaults: () => ['list_my_jobs', 'recall_notes'],
    forJob: (job, names) =>
      [
        {
          name: 'list_my_jobs',
          description: "The owner's scheduled jobs",
          parameters: { type: 'object' as const, properties: {} },
          run: async () => {
            toolSessions.push(currentContext().sessionId);
            const jobs = await app.store.jobs.listJobs({ ownerUserId: job.owner.userId });
            return jobs.map((j) => j.name);
          },
        },
        {
          name: 'recall_notes',
          description: "The owner's notes",
          parameters: { type: 'object' as const, properties: {} },
          run: async () => app.store.notes.list(job.owner.platform, job.owner.userId),
        },
      ].filter((t) => names.includes(t.name)),
  };

  async function startApp(env: Record<string, string> = {}): Promise<void> {
    const config = loadConfig({
      CHIME_DB: join(dir, 'chime.db'),
      LOG_LEVEL: 'silent',
      TELEGRAM_BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      CHIME_LLM_BASE_URL: model.baseUrl,
      CHIME_LLM_MODEL: 'fake-model',
      CHIME_LLM_MAX_RETRIES: '0',
      ...env,
    });
    const adapter = createTelegramAdapter({ token: api.token, apiRoot: api.apiRoot, rateLimits: { perChatIntervalMs: 20 } });
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    app = createApp({ config, clock, logger: pino({ level: 'info' }, sink), adapters: [adapter], promptTools: catalog });
    await app.start();
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chime-prompt-tg-'));
    api = await new FakeBotApi().start();
    model = new FakeOpenAi();
    await model.start();
    samChat = api.addChat({ id: sam.id, type: 'private' });
    forum = api.addChat({ id: -1009876500001, type: 'supergroup', isForum: true, title: 'Team' });
    api.addTopic(forum.id, 7);
    clock = new ManualClock('2026-11-23T07:00:00Z'); // a Monday
    toolSessions = [];
    logLines = [];
  });

  afterEach(async () => {
    await app.stop();
    await api.stop();
    await model.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function onlyJob() {
    const jobs = await app.store.jobs.listJobs({ kind: 'prompt' });
    expect(jobs).toHaveLength(1);
    return jobs[0]!;
  }

  it('"/remind every weekday at 8 ask: …" in a forum topic: the ghost run calls a tool and the answer arrives in the topic', async () => {
    await startApp();
    api.userSays(forum, sam, '/remind every weekday at 8 ask: what should I focus on today?', { threadId: 7 });
    await api.until(() => api.sent.length === 1);
    const job = await onlyJob();
    expect(job.payload).toEqual({ prompt: 'what should I focus on today?', use_react_loop: true, include_previous_output: false });
    expect(job.nextRunAt?.toISOString()).toBe('2026-11-23T08:00:00.000Z');
    expect(model.requests).toHaveLength(0); // the time was read by Chime's parser, not the model

    model.reply(
      { toolCalls: [{ name: 'list_my_jobs', arguments: {} }] },
      { content: 'Focus on the release.', usage: { prompt_tokens: 40, completion_tokens: 8 } },
    );
    // Straight to the 08:00 fire: walking the hour wakes the app every 250 ms of fake time (its
    // WAL checkpointer's pace) for nothing, ~1.5 s of real time.
    await clock.jump('2026-11-23T08:00:00Z');
    await api.until(() => api.sentTo(forum.id, 7).length === 2);
    const answer = api.sentTo(forum.id, 7)[1]!;
    expect(answer.text).toContain('Focus on the release.');
    expect(answer.message_thread_id).toBe(7);
    expect(toolSessions).toEqual([`ghost_scheduler_${job.id}`]);
    expect(model.toolsOffered(0)).toEqual(['list_my_jobs', 'recall_notes']);
    expect(model.toolResultsShown(1)).toEqual([JSON.stringify([job.name])]);
    expect(model.requests[0]!.body.messages.at(-1)).toMatchObject({ role: 'user', content: 'what should I focus on today?' });

    const [run] = await app.store.jobs.listRuns({ jobId: job.id });
    expect(run).toMatchObject({ status: 'success', result: 'Focus on the release.', agent: { outcome: 'answered', usage: { total: 63 } } });
    expect(run!.agent!.transcript.map((e) => e.type)).toEqual(['message', 'message', 'message', 'tool_call', 'tool_result', 'message']);
    expect((await app.store.jobs.getJob(job.id))?.nextRunAt?.toISOString()).toBe('2026-11-24T08:00:00.000Z');
    // One log line for the run: the ghost session, its parent (the topic's chat) and the tokens.
    const runLog = logLines.filter((l) => l.msg === 'scheduled run' && l.job_id === job.id);
    expect(runLog).toHaveLength(1);
    expect(runLog[0]).toMatchObject({
      ghost_session_id: `ghost_scheduler_${job.id}`,
      entity_type: 'scheduler',
      is_automated: true,
      parent_session_id: `tg_${forum.id}`,
      status: 'success',
      agent_outcome: 'answered',
      tokens_prompt: 50,
      tokens_completion: 13,
      tokens_total: 63,
    });
    expect(runLog[0]!.execution_time_seconds).toEqual(expect.any(Number));

    // /history <id> tells the agent run step by step.
    api.userSays(forum, sam, `/history ${job.id}`, { threadId: 7 });
    await api.until(() => api.sentTo(forum.id, 7).length === 3);
    const history = api.sentTo(forum.id, 7)[2]!.text;
    expect(history).toContain('Latest agent run');
    expect(history).toContain('answered · 63 tokens (50 in, 13 out)');
    expect(history).toContain('→ list_my_jobs {}');
    expect(history).toContain('model: Focus on the release.');
  });

  it("a ghost run reading the owner's notes is refused, and the refusal is what the model sees", async () => {
    await startApp();
    api.userSays(samChat, sam, '/remember the wifi code is 1234');
    await api.until(() => api.sent.length === 1);
    api.userSays(samChat, sam, 'in 5 minutes ask: what is my wifi code?');
    await api.until(() => api.sent.length === 2);
    const job = await onlyJob();
    model.reply({ toolCalls: [{ name: 'recall_notes', arguments: {} }] }, { content: "I can't read your notes from a scheduled run." });
    await clock.advance(5 * MIN);
    await api.until(() => api.sentTo(sam.id).length === 3);
    const shown = model.toolResultsShown(1);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatch(/^Refused: Memory read denied for entity type SCHEDULER/);
    expect(JSON.stringify(model.requests)).not.toContain('1234');
    const [run] = await app.store.jobs.listRuns({ jobId: job.id });
    expect(run!.agent!.transcript.find((e) => e.type === 'tool_result')).toMatchObject({ name: 'recall_notes', outcome: 'refused' });
  });

  it('the iteration cap and the time limit fail their runs with a clear message, never as successes', async () => {
    await startApp({ CHIME_AGENT_TIMEOUT_MS: '30000' });
    api.userSays(samChat, sam, 'every day at 9 ask: loop forever');
    await api.until(() => api.sent.length === 1);
    const job = await onlyJob();
    model.respond(() => ({ toolCalls: [{ name: 'list_my_jobs', arguments: {} }] }));
    await clock.jump('2026-11-23T09:00:00Z'); // the first 09:00 fire (see the first test on jumps)
    await api.until(() => api.sentTo(sam.id).length === 2);
    expect(model.requests).toHaveLength(5); // the default max_iterations
    expect(api.sentTo(sam.id)[1]!.text).toContain('Stopped after 5 model calls without a final answer (max_iterations 5).');
    let [run] = await app.store.jobs.listRuns({ jobId: job.id });
    expect(run).toMatchObject({ status: 'failure', agent: { outcome: 'iteration_cap' } });

    model.respond(() => ({ hang: true }));
    await clock.jump('2026-11-24T09:00:00Z');
    await waitFor(() => model.requests.length === 6);
    await clock.advance(30_000);
    await api.until(() => api.sentTo(sam.id).length === 3);
    expect(api.sentTo(sam.id)[2]!.text).toContain("Stopped after 30 s without a final answer (the run's time limit).");
    [run] = await app.store.jobs.listRuns({ jobId: job.id });
    expect(run).toMatchObject({ status: 'failure', agent: { outcome: 'timeout' } });
    expect((await app.store.jobs.getJob(job.id))?.status).toBe('active'); // no retry of a cap: the next fire comes
  });

  it('NO_REPLY: the run succeeds and nothing is sent', async () => {
    await startApp();
    api.userSays(samChat, sam, 'in 10 minutes ask: anything new?');
    await api.until(() => api.sent.length === 1);
    const job = await onlyJob();
    model.reply({ content: 'NO_REPLY' });
    await clock.advance(10 * MIN);
    await waitFor(async () => (await app.store.jobs.listRuns({ jobId: job.id, status: 'success' })).length === 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(api.sentTo(sam.id)).toHaveLength(1);
    expect(await app.store.jobs.listOutbox({ jobId: job.id })).toEqual([]);
  });

  it('a spent monthly budget pauses the job and tells its owner why, in the origin chat', async () => {
    await startApp({ CHIME_AGENT_MONTHLY_TOKEN_BUDGET: '100' });
    api.userSays(samChat, sam, 'every day at 9 ask: summarize the news');
    await api.until(() => api.sent.length === 1);
    const job = await onlyJob();
    model.reply(
      { content: 'Quiet day.', usage: { prompt_tokens: 50, completion_tokens: 10 } },
      { content: 'Busy day.', usage: { prompt_tokens: 50, completion_tokens: 10 } },
    );
    await clock.jump('2026-11-23T09:00:00Z'); // the first 09:00 fire (see the first test on jumps)
    await api.until(() => api.sentTo(sam.id).length === 2);
    expect((await app.store.jobs.getJob(job.id))?.status).toBe('active'); // 60 of 100
    await clock.jump('2026-11-24T09:00:00Z');
    await api.until(() => api.sentTo(sam.id).length === 4);
    const texts = api.sentTo(sam.id).map((m) => m.text);
    expect(texts[2]).toContain('Busy day.');
    expect(texts[3]).toContain(`Paused ${job.id}: "${job.name}" used 120 of its 100 tokens this month`);
    expect((await app.store.jobs.getJob(job.id))?.status).toBe('paused');
    expect(await app.store.agentUsage.tokensUsed(job.id, '2026-11')).toBe(120);
    expect(model.requests).toHaveLength(2);
  });

  it('a delivery that fails for good never re-runs the succeeded run: one model call, one success', async () => {
    await startApp();
    api.userSays(samChat, sam, 'in 3 minutes ask: anything due?');
    await api.until(() => api.sent.length === 1);
    const job = await onlyJob();
    api.block(sam.id);
    model.reply({ content: 'Two things are due.' });
    await clock.advance(3 * MIN);
    await waitFor(async () => (await app.store.jobs.listOutbox({ status: 'dead', jobId: job.id })).length === 1);
    await clock.advance(10 * MIN);
    await new Promise((r) => setTimeout(r, 200));
    expect(model.requests).toHaveLength(1);
    expect((await app.store.jobs.listRuns({ jobId: job.id })).map((r) => r.status)).toEqual(['success']);
  });

  it('with the agent off, "ask:" is refused in one line and nothing is created', async () => {
    await startApp({ CHIME_LLM_BASE_URL: '', CHIME_LLM_MODEL: '' });
    api.userSays(samChat, sam, '/remind every weekday at 8 ask: what should I focus on today?');
    await api.until(() => api.sent.length === 1);
    expect(api.sent[0]!.text).toContain(AGENT_OFF);
    expect(await app.store.jobs.listJobs({})).toEqual([]);
  });
});

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 8000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
