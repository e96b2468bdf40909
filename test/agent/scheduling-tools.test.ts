import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import type { ChatContext } from '../../src/chat/message.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { humanContext, runWithContext } from '../../src/core/runtime-context.js';
import { silentLogger } from '../../src/log.js';
import { FakeOpenAi, type FakeToolCall } from '../emulators/openai/fake-openai.js';

/**
 * The scheduling tools through the real app's chat service (no platform): the fake model calls
 * one tool, the test reads what the tool answered and what the store holds. Each tool acts
 * with the caller's rights, by the chat layer's rules.
 */

const ALICE: ChatContext = { platform: 'telegram', chatId: '100', chatType: 'private', userId: '100', userName: 'Alice', isAdmin: true };
const GROUP_ALICE: ChatContext = {
  platform: 'telegram',
  chatId: '-5',
  chatType: 'group',
  userId: '100',
  userName: 'Alice',
  isAdmin: false,
};
const GROUP_BOB: ChatContext = { ...GROUP_ALICE, userId: '200', userName: 'Bob' };
const CONSOLE: ChatContext = { platform: 'console', chatId: 'local', chatType: 'private', userId: 'me', userName: 'me', isAdmin: true };

describe('scheduling tools (real app, fake model)', () => {
  let fake: FakeOpenAi;
  let dir: string;
  let app: App;
  let clock: ManualClock;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chime-tools-'));
    clock = new ManualClock('2026-11-22T10:00:00Z');
    fake = new FakeOpenAi();
    await fake.start();
    const config = loadConfig({
      CHIME_DB: join(dir, 'chime.db'),
      LOG_LEVEL: 'silent',
      CHIME_TZ: 'Europe/Berlin',
      CHIME_LLM_BASE_URL: fake.baseUrl,
      CHIME_LLM_MODEL: 'fake-model',
      CHIME_LLM_MAX_RETRIES: '0',
    });
    app = createApp({ config, clock, logger: silentLogger() });
  });

  afterEach(async () => {
    await app.stop();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** One /ask whose model calls `call` and then says "ok"; returns what the tool answered. */
  async function toolResult(who: ChatContext, call: FakeToolCall): Promise<string> {
    const before = fake.requests.length;
    fake.reply({ toolCalls: [call] }, { content: 'ok' });
    await app.chat.handleMessage({ ...who, text: '/ask do it' });
    return fake.toolResultsShown(before + 1)[0]!;
  }

  async function remind(who: ChatContext, text: string): Promise<string> {
    const [reply] = await app.chat.handleMessage({ ...who, text });
    return /\[([A-Za-z0-9_-]+)\]/.exec(reply!.text)![1]!;
  }

  it("list_tasks, pause_resume_task and execute_task_now act on the caller's jobs and say what is stored", async () => {
    const id = await remind(ALICE, '/remind every day at 9 water the plants');
    const listed = JSON.parse(await toolResult(ALICE, { name: 'list_tasks', arguments: {} }));
    expect(listed).toMatchObject({ count: 1, jobs: [{ job_id: id, what: 'water the plants', time_zone: 'Europe/Berlin' }] });
    expect(listed.jobs[0].next_fires_local).toEqual(['Mon 23 Nov 09:00', 'Tue 24 Nov 09:00', 'Wed 25 Nov 09:00']);

    const paused = JSON.parse(await toolResult(ALICE, { name: 'pause_resume_task', arguments: { job_id: id, action: 'pause' } }));
    expect(paused.now_stored).toMatchObject({ job_id: id, status: 'paused', next_fires_local: [] });
    expect((await app.store.jobs.getJob(id))?.status).toBe('paused');
    const resumed = JSON.parse(await toolResult(ALICE, { name: 'pause_resume_task', arguments: { job_id: id, action: 'resume' } }));
    expect(resumed.now_stored.status).toBe('active');

    const ran = JSON.parse(await toolResult(ALICE, { name: 'execute_task_now', arguments: { job_id: id } }));
    expect(ran.done).toMatch(/Running \[.*\] water the plants now/);
    // Another person's private reminder does not exist for the caller.
    const bobs = await remind({ ...ALICE, chatId: '200', userId: '200', userName: 'Bob' }, '/remind tomorrow at 9 secret');
    expect(await toolResult(ALICE, { name: 'cancel_task', arguments: { job_id: bobs } })).toBe(`Refused: No reminder with id "${bobs}".`);
    expect((await app.store.jobs.getJob(bobs))?.status).toBe('active');
  });

  it("in a group: the group interval rule and who may change what are the chat layer's", async () => {
    expect(await toolResult(GROUP_ALICE, { name: 'schedule_task', arguments: { when: 'every 10 seconds', text: 'spam' } })).toMatch(
      /^Refused: /,
    );
    const id = await remind(GROUP_ALICE, '/remind tomorrow at 9 team lunch');
    expect(await toolResult(GROUP_BOB, { name: 'cancel_task', arguments: { job_id: id } })).toBe(
      `Refused: Only the owner (Alice) or a chat admin can change reminder ${id}.`,
    );
    // poll_url in a group is for admins, as /watch.
    expect(
      await toolResult(GROUP_BOB, {
        name: 'add_job',
        arguments: { job_type: 'poll_url', url: 'https://example.com', on_success_message: 'up' },
      }),
    ).toMatch(/^Refused: In groups only chat admins/);
    expect(await app.store.jobs.listJobs({ status: 'active' })).toHaveLength(1);
  });

  it("add_job, list_jobs and cancel_workflow: only the workflow's jobs the caller may change are cancelled", async () => {
    const add = (who: ChatContext, seconds: number) =>
      toolResult(who, {
        name: 'add_job',
        arguments: { job_type: 'delay', delay_seconds: seconds, on_success_message: 'done {result}', workflow_id: 'wf-1' },
      });
    const first = JSON.parse(await add(GROUP_ALICE, 600));
    expect(first).toMatchObject({
      stored: true,
      kind: 'delay',
      workflow_id: 'wf-1',
      on_complete: 'notify',
      delivered_to: 'this group chat',
    });
    await add(GROUP_ALICE, 900);
    const bobs = JSON.parse(await add(GROUP_BOB, 600));
    const listed = JSON.parse(await toolResult(GROUP_ALICE, { name: 'list_jobs', arguments: {} }));
    expect(listed.jobs).toHaveLength(3);
    const cancelled = JSON.parse(await toolResult(GROUP_ALICE, { name: 'cancel_workflow', arguments: { workflow_id: 'wf-1' } }));
    expect(cancelled.cancelled).toHaveLength(2);
    expect(cancelled.cancelled).not.toContain(bobs.job_id);
    expect((await app.store.jobs.getJob(bobs.job_id))?.status).toBe('active');
  });

  it("add_job's messages are held to the reminder text limit (CHIME_MAX_TEXT_LENGTH), and a refused add_job stores nothing", async () => {
    const long = 'y'.repeat(1801);
    for (const args of [
      { job_type: 'delay', delay_seconds: 60, on_success_message: long },
      { job_type: 'delay', delay_seconds: 60, on_success_message: 'done', on_failure_message: long },
    ]) {
      // Before, a model's 200,000-character message was stored and sent clipped.
      const field = args.on_failure_message ? 'on_failure_message' : 'on_success_message';
      expect(await toolResult(ALICE, { name: 'add_job', arguments: args })).toBe(
        `Refused: ${field} is too long (1801 characters, at most 1800). An input that works: {"job_type":"delay","delay_seconds":600,"on_success_message":"the tea is ready"}`,
      );
    }
    expect(await app.store.jobs.listJobs({})).toEqual([]);
    const fits = JSON.parse(
      await toolResult(ALICE, {
        name: 'add_job',
        arguments: { job_type: 'delay', delay_seconds: 60, on_success_message: 'y'.repeat(1800) },
      }),
    );
    expect(fits.stored).toBe(true);
  });

  it("remember keeps a note for a person; cleanup tools are the console's (an admin) and register a directory", async () => {
    expect(JSON.parse(await toolResult(ALICE, { name: 'remember', arguments: { note: 'the key is under the mat' } })).done).toMatch(
      /Noted/,
    );
    const notes = await runWithContext(humanContext('tg_100'), () => app.store.notes.list('telegram', '100'));
    expect(notes.map((n) => n.text)).toEqual(['the key is under the mat']);
    expect(fake.toolsOffered(0)).not.toContain('register_cleanup');
    const registered = JSON.parse(
      await toolResult(CONSOLE, {
        name: 'register_cleanup',
        arguments: { directory: join(dir, 'exports'), pattern: '*.csv', retention_days: 7 },
      }),
    );
    expect(registered.registered).toMatch(/^cl_/);
    expect(app.housekeeper.registrations().map((r) => r.directory)).toContain(join(dir, 'exports'));
  });

  it('schedule_task with a prompt makes a prompt job (/remind\'s "ask:" form), whose runs get the read-only tools as the job\'s ghost', async () => {
    await app.start();
    const stored = JSON.parse(
      await toolResult(ALICE, { name: 'schedule_task', arguments: { when: 'in 2 minutes', prompt: 'summarise my day' } }),
    );
    expect(stored).toMatchObject({ stored: true, kind: 'prompt', time_zone: 'Europe/Berlin', next_fires_local: ['Sun 22 Nov 11:02'] });
    expect((await app.store.jobs.getJob(stored.job_id))?.payload).toMatchObject({ prompt: 'summarise my day' });
    const before = fake.requests.length;
    fake.reply({ toolCalls: [{ name: 'list_tasks', arguments: {} }] }, { content: 'Your day: nothing else planned.' });
    await clock.advance(2 * 60_000);
    await expect.poll(() => fake.requests.length, { timeout: 5000 }).toBe(before + 2);
    expect(fake.toolsOffered(before).sort()).toEqual(['list_jobs', 'list_tasks']);
    expect(JSON.parse(fake.toolResultsShown(before + 1)[0]!)).toMatchObject({ jobs: [{ job_id: stored.job_id, kind: 'prompt' }] });
  });

  it('schedule_task tells the model, and the person under its answer, about the DST days its time meets, as /remind does', async () => {
    // Berlin (Intl): 28 Mar 2027 01:59 CET is followed by 03:00 CEST, so 02:30 does not exist and runs
    // at 03:30; 31 Oct 2027 02:30 comes at 00:30Z (CEST) and again at 01:30Z (CET): the first is taken.
    const notes = [
      '⚠️ 02:30 does not exist on Sun 28 Mar 2027 in Berlin (clocks go forward an hour); that day it runs at 03:30.',
      '⚠️ 02:30 happens twice on Sun 31 Oct 2027 in Berlin (clocks go back an hour); that day it runs at the first 02:30, before clocks go back.',
    ];
    const before = fake.requests.length;
    fake.reply(
      { toolCalls: [{ name: 'schedule_task', arguments: { when: 'every day at 2:30am', text: 'water the plants' } }] },
      { content: 'Done.' },
    );
    const [reply] = await app.chat.handleMessage({ ...ALICE, text: '/ask water the plants every night at 2:30' });
    const stored = JSON.parse(fake.toolResultsShown(before + 1)[0]!);
    expect(stored).toMatchObject({ stored: true, time_zone: 'Europe/Berlin', notes });
    for (const line of notes) expect(reply!.text).toContain(line);
    // A time no DST day touches has no notes to repeat.
    const plain = JSON.parse(await toolResult(ALICE, { name: 'schedule_task', arguments: { when: 'every day at 9am', text: 'stretch' } }));
    expect(plain).not.toHaveProperty('notes');
  });

  it("the prompt catalog names every scheduling tool but the admins' cleanup", async () => {
    const { PROMPT_TOOL_NAMES } = await import('../../src/agent/tools/prompt-catalog.js');
    const { schedulingTools } = await import('../../src/agent/tools/index.js');
    const all = schedulingTools({ chat: undefined as never, isChimeAdmin: true, cleanup: app.housekeeper, changes: [] }).map((t) => t.name);
    expect([...PROMPT_TOOL_NAMES, 'register_cleanup', 'run_cleanup'].sort()).toEqual(all.sort());
  });
});
