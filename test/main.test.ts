import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/log.js';
import { buildAdapters } from '../src/main.js';

const platforms = async (env: Record<string, string>) => (await buildAdapters(loadConfig(env), silentLogger())).map((a) => a.platform);

describe('main: adapters from the configuration', () => {
  it('no token: the console adapter alone', async () => {
    expect(await platforms({})).toEqual(['console']);
  });

  it('tokens enable their platforms and replace the console unless CHIME_CONSOLE is set', async () => {
    expect(await platforms({ TELEGRAM_BOT_TOKEN: '123:abc' })).toEqual(['telegram']);
    expect(await platforms({ DISCORD_TOKEN: 'x', DISCORD_APPLICATION_ID: '1' })).toEqual(['discord']);
    expect(await platforms({ TELEGRAM_BOT_TOKEN: '123:abc', DISCORD_TOKEN: 'x', CHIME_CONSOLE: 'true' })).toEqual([
      'telegram',
      'discord',
      'console',
    ]);
  });
});

describe('main: DISCORD_GUILD_ID', () => {
  it('the Discord adapter built from the configuration registers its commands in that guild at start, not globally', async () => {
    const { DiscordEmulator } = await import('./emulators/discord/emulator.js');
    const { createApp } = await import('../src/app.js');
    const emu = await new DiscordEmulator().start();
    const config = loadConfig({
      CHIME_DB: ':memory:',
      DISCORD_TOKEN: emu.token,
      DISCORD_REST_API: emu.apiUrl,
      DISCORD_GUILD_ID: emu.guildId,
    });
    const app = createApp({ config, logger: silentLogger(), adapters: await buildAdapters(config, silentLogger()) });
    try {
      await app.start();
      const until = Date.now() + 15_000;
      while (!emu.commands.guild.get(emu.guildId)?.length && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(emu.commands.guild.get(emu.guildId)?.length).toBeGreaterThan(0);
      expect(emu.commands.global).toHaveLength(0);
    } finally {
      await app.stop();
      await emu.stop();
    }
  }, 30_000);
});
