import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../adapters/discord/index.js';
import type { PromptToolCatalog } from '../../src/agent/prompt-executor.js';
import { type App, createApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { currentContext } from '../../src/core/runtime-context.js';
import { silentLogger } from '../../src/log.js';
import { DiscordEmulator, type EmulatedUser } from '../emulators/discord/emulator.js';
import { FakeOpenAi } from '../emulators/openai/fake-openai.js';

/**
 * A prompt job made with Discord's /remind (when: and what: "ask: …") in a thread: the ghost
 * run calls a tool, and the answer is posted in that thread. Real discord.js against the
 * emulator, the real `openai` client against the OpenAI fake, ManualClock.
 */

const sam: EmulatedUser = { id: '4001', username: 'sam' };
const str = (name: string, value: string) => ({ name, type: 3, value });

describe('prompt jobs on Discord (emulator, OpenAI fake, real app)', () => {
  let emu: DiscordEmulator;
  let model: FakeOpenAi;
  let dir: string;
  let clock: ManualClock;
  let app: App;
  const sessions: string[] = [];

  const catalog: PromptToolCatalog = {
    names: () => ['clock'],
    defaults: () => ['clock'],
    forJob: () => [
      {
        name: 'clock',
        description: 'The time now',
        parameters: { type: 'object', properties: {} },
        run: async () => {
          sessions.push(currentContext().sessionId);
          return clock.now().toISOString();
        },
      },
    ],
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chime-prompt-dc-'));
    emu = await new DiscordEmulator().start();
    model = new FakeOpenAi();
    clock = new ManualClock('2026-11-22T10:00:00Z');
    const config = loadConfig({
      CHIME_DB: join(dir, 'chime.db'),
      LOG_LEVEL: 'silent',
      DISCORD_TOKEN: emu.token,
      DISCORD_REST_API: emu.apiUrl,
      CHIME_LLM_BASE_URL: await model.start(),
      CHIME_LLM_MODEL: 'fake-model',
    });
    const adapter = createDiscordAdapter({ token: emu.token, restApi: config.discord!.restApi!, waitGuildTimeout: 50, commands: 'none' });
    app = createApp({ config, clock, logger: silentLogger(), adapters: [adapter], promptTools: catalog });
    await app.start();
  });

  afterEach(async () => {
    await app.stop();
    await emu.stop();
    await model.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('/remind when:"in 1 minute" what:"ask: …" in a thread: the ghost run uses a tool and answers in the thread', async () => {
    const thread = emu.addThread(emu.generalChannel.id, 'release');
    const rec = emu.slashCommand({
      user: sam,
      channelId: thread.id,
      name: 'remind',
      options: [str('when', 'in 1 minute'), str('what', 'ask: is the release out?')],
    });
    await emu.waitForAnswer(rec, (r) => r.messages.some((m) => m.content !== ''), 8000);
    const [job] = await app.store.jobs.listJobs({ kind: 'prompt' });
    expect(job).toMatchObject({
      payload: { prompt: 'is the release out?' },
      origin: { chatId: emu.generalChannel.id, threadId: thread.id },
    });

    model.reply({ toolCalls: [{ name: 'clock', arguments: {} }] }, { content: 'Yes, it shipped at 10:00.' });
    await clock.advance(60_000);
    await emu.waitForMessages(() => emu.messagesIn(thread.id).some((m) => m.via === 'channel'), 8000);
    const answer = emu.messagesIn(thread.id).find((m) => m.via === 'channel');
    expect(answer?.content).toContain('Yes, it shipped at 10:00.');
    expect(emu.messagesIn(emu.generalChannel.id).filter((m) => m.via === 'channel')).toHaveLength(0);
    expect(sessions).toEqual([`ghost_scheduler_${job!.id}`]);
    expect(model.toolResultsShown(1)).toEqual(['2026-11-22T10:01:00.000Z']);
  });
});
