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
    expect(await platforms({ TELEGRAM_BOT_TOKEN: '123:abc', DISCORD_TOKEN: 'x', CHIME_CONSOLE: 'true' })).toEqual(['telegram', 'discord', 'console']);
  });
});
