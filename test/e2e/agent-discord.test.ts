import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter, slashCommands } from '../../adapters/discord/index.js';
import { type App, createApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { DiscordEmulator, type EmulatedUser } from '../emulators/discord/emulator.js';
import { FakeOpenAi } from '../emulators/openai/fake-openai.js';

/** `/ask text:` on Discord: the real discord.js client against the emulator, the model played by the fake OpenAI server. */

const sam: EmulatedUser = { id: '3001', username: 'sam' };

describe('assistant on Discord (/ask text:)', () => {
  let emu: DiscordEmulator;
  let fake: FakeOpenAi;
  let dir: string;
  let app: App | undefined;
  const clock = new ManualClock('2026-11-22T10:00:00Z');

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chime-dc-agent-'));
    emu = await new DiscordEmulator().start();
    fake = new FakeOpenAi();
    await fake.start();
  });

  afterEach(async () => {
    await app?.stop();
    app = undefined;
    await fake.stop();
    await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is a registered slash command, and schedules in the channel through the same tools', async () => {
    expect(slashCommands().find((c) => c.name === 'ask')).toBeDefined();
    const config = loadConfig({
      CHIME_DB: join(dir, 'chime.db'),
      LOG_LEVEL: 'silent',
      DISCORD_TOKEN: emu.token,
      DISCORD_REST_API: emu.apiUrl,
      CHIME_LLM_BASE_URL: fake.baseUrl,
      CHIME_LLM_MODEL: 'fake-model',
      CHIME_TZ: 'America/New_York',
    });
    const adapter = createDiscordAdapter({ token: emu.token, restApi: config.discord!.restApi!, waitGuildTimeout: 50, commands: 'none' });
    app = createApp({ config, clock, logger: silentLogger(), adapters: [adapter] });
    await app.start();
    fake.reply(
      { toolCalls: [{ name: 'schedule_task', arguments: { when: 'tomorrow at 9', text: 'ship the release' } }] },
      { content: 'Set for tomorrow at 9.' },
    );
    const general = emu.generalChannel.id;
    const rec = emu.slashCommand({
      user: sam,
      channelId: general,
      name: 'ask',
      options: [{ name: 'text', type: 3, value: 'remind us tomorrow at 9 to ship the release' }],
    });
    await emu.waitForAnswer(rec, (r) => r.messages.some((m) => m.content !== ''), 8000);
    const [job] = await app.store.jobs.listJobs({ originChatId: general });
    expect(job).toMatchObject({ kind: 'reminder', timeZone: 'America/New_York', origin: { platform: 'discord', chatType: 'group' } });
    expect(job!.nextRunAt?.toISOString()).toBe('2026-11-23T14:00:00.000Z');
    expect(fake.requests[0]!.body.messages.at(-1)?.content).toBe('remind us tomorrow at 9 to ship the release');
    expect(rec.messages[0]!.content).toContain(`✅ Stored [${job!.id}] ship the release`);
    expect(rec.messages[0]!.content).toContain('delivered to this group chat');
  });
});
