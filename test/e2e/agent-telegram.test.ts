import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramAdapter } from '../../adapters/telegram/index.js';
import { CORRECTION } from '../../src/agent/conversation/claim-check.js';
import { type App, createApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { pollUrlExecutor } from '../../src/core/executors/poll-url.js';
import { silentLogger } from '../../src/log.js';
import { FakeOpenAi } from '../emulators/openai/fake-openai.js';
import { TEST_API_POLLING_PAUSE_MS, type TestApi, startTestApi } from '../emulators/telegram/test-api.js';

/**
 * The assistant end to end: the real app and grammY bot against telegram-test-api, the real
 * `openai` client against the fake OpenAI server (which records what the model was shown),
 * a ManualClock for the scheduler. The fake plays the model; Chime does everything else.
 */

const ADA = 7;
const GROUP = -4001;
const TOOLS = [
  'schedule_task',
  'list_tasks',
  'cancel_task',
  'pause_resume_task',
  'execute_task_now',
  'add_job',
  'list_jobs',
  'cancel_job',
  'cancel_workflow',
  'remember',
  'recall',
];

describe('assistant on Telegram (fake OpenAI server, real app)', () => {
  let api: TestApi;
  let fake: FakeOpenAi;
  let dir: string;
  let clock: ManualClock;
  let app: App | undefined;
  /** Status codes the watched URL answers, in order (the last one repeats). */
  let statuses: number[];

  async function startApp(extra: Record<string, string> = {}): Promise<App> {
    const config = loadConfig({
      CHIME_DB: join(dir, 'chime.db'),
      LOG_LEVEL: 'silent',
      TELEGRAM_BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      CHIME_LLM_BASE_URL: fake.baseUrl,
      CHIME_LLM_MODEL: 'fake-model',
      CHIME_LLM_MAX_RETRIES: '0',
      ...extra,
    });
    const adapter = createTelegramAdapter({
      token: api.token,
      apiRoot: api.apiRoot,
      pollingPause: TEST_API_POLLING_PAUSE_MS,
      rateLimits: { perChatIntervalMs: 20 },
    });
    const fetch = async (): Promise<Response> => new Response(null, { status: statuses.length > 1 ? statuses.shift()! : statuses[0]! });
    const created = createApp({ config, clock, logger: silentLogger(), adapters: [adapter], executors: [pollUrlExecutor(fetch)] });
    app = created;
    await created.start();
    return created;
  }

  async function sent(count: number): Promise<string[]> {
    await api.waitForBotMessages((m) => m.length >= count, 10_000);
    return api.botMessages().map((m) => String(m.message.text));
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chime-agent-e2e-'));
    api = await startTestApi();
    fake = new FakeOpenAi();
    await fake.start();
    clock = new ManualClock('2026-11-22T10:00:00Z'); // a Sunday
    statuses = [200];
  });

  afterEach(async () => {
    await app?.stop();
    app = undefined;
    await fake.stop();
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('"/ask remind me every weekday at 9 to stand up" stores the job in the user\'s zone; "and make it every week" follows from memory', async () => {
    const running = await startApp();
    const ada = api.client({ userId: ADA, chatId: ADA, firstName: 'Ada' });
    await ada.sendCommand(ada.makeCommand('/tz Europe/Berlin'));
    await sent(1);

    fake.reply(
      { toolCalls: [{ name: 'schedule_task', arguments: { when: 'every weekday at 9', text: 'stand up' } }] },
      { content: 'Done: every weekday at 9 I will remind you to stand up.' },
    );
    await ada.sendCommand(ada.makeCommand('/ask remind me every weekday at 9 to stand up'));
    const answer = (await sent(2))[1]!;

    const [job] = await running.store.jobs.listJobs({ ownerUserId: String(ADA) });
    expect(job).toMatchObject({ kind: 'reminder', payload: { text: 'stand up' }, timeZone: 'Europe/Berlin', status: 'active' });
    expect(job!.nextRunAt?.toISOString()).toBe('2026-11-23T08:00:00.000Z'); // Monday 09:00 in Berlin
    // What the model was offered: the scheduling tools, flat, and no admin tool for a non-admin.
    expect(fake.toolsOffered(0).sort()).toEqual([...TOOLS].sort());
    const params = fake.requests[0]!.body.tools!.map((t) => JSON.stringify(t.function.parameters));
    for (const p of params) expect(p).not.toMatch(/"type":"object".*"type":"object"/);
    // The tool result echoes what was stored, and the confirmation comes from it.
    const result = JSON.parse(fake.toolResultsShown(1)[0]!);
    expect(result).toMatchObject({
      stored: true,
      job_id: job!.id,
      time_zone: 'Europe/Berlin',
      next_fires_local: ['Mon 23 Nov 09:00', 'Tue 24 Nov 09:00', 'Wed 25 Nov 09:00'],
      delivered_to: 'this private chat',
    });
    expect(answer).toContain(`✅ Stored [${job!.id}] stand up — every weekday at 09:00, Europe/Berlin`);
    expect(answer).not.toContain(CORRECTION);

    // The follow-up: the model sees the earlier exchange (with the id) and replaces the job.
    fake.reply(
      {
        toolCalls: [
          { name: 'cancel_task', arguments: { job_id: job!.id } },
          { name: 'schedule_task', arguments: { when: 'every monday at 9', text: 'stand up' } },
        ],
      },
      { content: 'Changed: now every Monday at 9.' },
    );
    await ada.sendCommand(ada.makeCommand('/ask and make it every week'));
    const second = (await sent(3))[2]!;
    const shown = fake.requests[2]!.body.messages.map((m) => `${m.role}: ${m.content ?? ''}`);
    expect(shown).toContain('user: remind me every weekday at 9 to stand up');
    expect(shown.some((m) => m.startsWith('assistant:') && m.includes(`[${job!.id}]`))).toBe(true);
    expect(shown.at(-1)).toBe('user: and make it every week');
    expect((await running.store.jobs.getJob(job!.id))?.status).toBe('cancelled');
    const live = await running.store.jobs.listJobs({ ownerUserId: String(ADA), status: 'active' });
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ timeZone: 'Europe/Berlin', payload: { text: 'stand up' } });
    expect(live[0]!.nextRunAt?.toISOString()).toBe('2026-11-23T08:00:00.000Z');
    expect(second).toContain(`🗑 Cancelled [${job!.id}]`);
    expect(second).toContain(`✅ Stored [${live[0]!.id}] stand up — every Monday at 09:00, Europe/Berlin`);
  });

  it("an unreadable `when` gives the model the parser's refusal with an example, and a promise without a stored job is corrected", async () => {
    const running = await startApp();
    const ada = api.client({ userId: ADA, chatId: ADA, firstName: 'Ada' });
    fake.reply(
      { toolCalls: [{ name: 'schedule_task', arguments: { when: 'when the moon is blue', text: 'look up' } }] },
      { content: "Sure, I've set a reminder for when the moon is blue!" },
    );
    // Plain text the parser cannot read goes to the assistant in a private chat.
    await ada.sendMessage(ada.makeMessage('ping me when the moon is blue to look up'));
    const answer = (await sent(1))[0]!;
    expect(fake.toolResultsShown(1)[0]).toMatch(/^Refused: .*An input that works: /);
    expect(answer).toContain("Sure, I've set a reminder");
    expect(answer).toContain(CORRECTION);
    expect(await running.store.jobs.listJobs({})).toEqual([]);
  });

  it('groups: only a message that mentions or replies to the bot reaches the assistant', async () => {
    await startApp();
    const bo = api.client({ userId: 8, chatId: GROUP, type: 'group', firstName: 'Bo', chatTitle: 'Friends' });
    await bo.sendMessage(bo.makeMessage('what a lovely day, who wants coffee'));
    fake.reply({ content: 'I set reminders and answer questions about them.' });
    await bo.sendMessage(bo.makeMessage('@TestNameBot what can you do for us'));
    const [answer] = await sent(1);
    expect(answer).toBe('I set reminders and answer questions about them.');
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.body.messages.at(-1)?.content).toBe('what can you do for us');
  });

  it('admin-only cleanup tools: not offered to others, and a call anyway is refused with nothing run', async () => {
    await startApp({ CHIME_ADMINS: 'telegram:99' });
    const ada = api.client({ userId: ADA, chatId: ADA, firstName: 'Ada' });
    fake.reply({ toolCalls: [{ name: 'run_cleanup', arguments: {} }] }, { content: 'Could not.' });
    await ada.sendCommand(ada.makeCommand('/ask clean up the server'));
    await sent(1);
    expect(fake.toolsOffered(0)).not.toContain('run_cleanup');
    expect(fake.toolResultsShown(1)[0]).toMatch(/^Unknown tool "run_cleanup"/);

    const admin = api.client({ userId: 99, chatId: 99, firstName: 'Op' });
    fake.reply({ toolCalls: [{ name: 'run_cleanup', arguments: { dry_run: true } }] }, { content: 'Dry run done.' });
    await admin.sendCommand(admin.makeCommand('/ask how much would cleanup remove'));
    await sent(2);
    expect(fake.toolsOffered(2)).toEqual(expect.arrayContaining(['register_cleanup', 'run_cleanup']));
    expect(JSON.parse(fake.toolResultsShown(3)[0]!)).toMatchObject({ dry_run: true, runs_deleted: 0 });
  });

  it('resume_conversation: a poll_url success continues the conversation in the origin chat, as the scheduler (notes closed)', async () => {
    const running = await startApp();
    const ada = api.client({ userId: ADA, chatId: ADA, firstName: 'Ada' });
    statuses = [503, 200];
    fake.reply(
      {
        toolCalls: [
          {
            name: 'add_job',
            arguments: {
              job_type: 'poll_url',
              url: 'https://status.example.com/health',
              on_success_message: 'Service up: {result}',
              on_complete: 'resume_conversation',
              interval_seconds: 30,
            },
          },
        ],
      },
      { content: 'Watching it; I will tell you.' },
    );
    await ada.sendCommand(ada.makeCommand('/ask tell me when status.example.com is healthy again'));
    await sent(1);
    expect(fake.toolsOffered(0)).toEqual(TOOLS);
    // The resumed turn runs as the job's ghost with nobody at the keyboard: it is offered what a
    // scheduled prompt run gets by default (reading only), not the person's tools, so a message
    // it is shown cannot make it cancel, schedule or run anything. It tries the notes: not there.
    fake.reply({ toolCalls: [{ name: 'recall', arguments: {} }] }, { content: 'Good news: the service is back up.' });
    await clock.advance(30_000);
    const [, resumed] = await sent(2);
    expect(resumed).toContain('Good news: the service is back up.');
    const resumeRequest = fake.requests[2]!.body.messages;
    expect(resumeRequest.at(-1)?.content).toMatch(/succeeded\] Service up: https:\/\/status\.example\.com\/health answered 200$/);
    expect(resumeRequest.some((m) => m.content === 'tell me when status.example.com is healthy again')).toBe(true);
    expect(fake.toolsOffered(2)).toEqual(['list_tasks', 'list_jobs']);
    expect(fake.toolResultsShown(3)[0]).toMatch(/^Unknown tool "recall"\. Available: list_tasks, list_jobs\./);
    expect(api.botMessages()[1]!.message.chat_id).toBe(ADA);
    // The resumed exchange is part of the conversation, marked as the scheduler's.
    const memory = await running.store.conversations.recent({ sessionId: `tg_${ADA}`, platform: 'telegram', userId: String(ADA) }, 10);
    expect(memory.map((m) => m.entityType)).toEqual(['HUMAN', 'HUMAN', 'SCHEDULER', 'SCHEDULER']);
    expect(memory.at(-1)?.content).toContain('Good news');
  });

  it('resume_conversation falls back to the plain message when the model is down', async () => {
    const running = await startApp();
    const ada = api.client({ userId: ADA, chatId: ADA, firstName: 'Ada' });
    fake.reply(
      {
        toolCalls: [
          {
            name: 'add_job',
            arguments: {
              job_type: 'delay',
              delay_seconds: 60,
              on_success_message: 'Tea is ready: {result}',
              on_complete: 'resume_conversation',
            },
          },
        ],
      },
      { content: 'Timer started.' },
    );
    await ada.sendCommand(ada.makeCommand('/ask tell me in a minute that the tea is ready'));
    await sent(1);
    fake.reply({ status: 500, message: 'model down' });
    await clock.advance(60_000);
    const [, plain] = await sent(2);
    expect(plain).toBe('Tea is ready: waited 60 s');
    const [job] = await running.store.jobs.listJobs({ ownerUserId: String(ADA) });
    expect(job).toMatchObject({ kind: 'delay', completionMode: 'resume_conversation', status: 'completed' });
    const memory = await running.store.conversations.recent({ sessionId: `tg_${ADA}`, platform: 'telegram', userId: String(ADA) }, 10);
    expect(memory.map((m) => m.entityType)).toEqual(['HUMAN', 'HUMAN']);
  });
});
