import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slashCommands } from '../../../adapters/discord/index.js';
import { discordRegisterCommand } from '../../../src/cli/commands/discord-register.js';
import { captureIo } from '../../../src/cli/io.js';
import { DiscordEmulator } from '../../emulators/discord/emulator.js';

describe('chime discord register (discordRegisterCommand, as src/cli/main.ts loads it)', () => {
  let emu: DiscordEmulator;
  beforeEach(async () => {
    emu = await new DiscordEmulator().start();
  });
  afterEach(async () => {
    await emu.stop();
  });

  const env = () => ({ DISCORD_TOKEN: emu.token, DISCORD_REST_API: emu.apiUrl, LOG_LEVEL: 'silent' });

  it('registers every slash command globally, looking the application id up from the token', async () => {
    const io = captureIo(env());
    expect(await discordRegisterCommand([], io)).toBe(0);
    expect(io.out).toMatch(new RegExp(`Registered ${slashCommands().length} commands globally`));
    expect((emu.commands.global as Array<{ name: string }>).map((c) => c.name)).toEqual(slashCommands().map((c) => c.name));
    expect(emu.rest.requests.some((r) => r.method === 'GET' && r.path === '/applications/@me')).toBe(true);
  });

  it('--guild registers in that guild only, with the configured application id', async () => {
    const io = captureIo({ ...env(), DISCORD_APPLICATION_ID: emu.applicationId });
    expect(await discordRegisterCommand(['--guild', emu.guildId], io)).toBe(0);
    expect(io.out).toContain(`in guild ${emu.guildId}`);
    expect(emu.commands.global).toHaveLength(0);
    expect(emu.commands.guild.get(emu.guildId)).toHaveLength(slashCommands().length);
    expect(emu.rest.requests.some((r) => r.path === '/applications/@me')).toBe(false);
  });

  it('without --guild, DISCORD_GUILD_ID names the guild', async () => {
    const io = captureIo({ ...env(), DISCORD_GUILD_ID: emu.guildId });
    expect(await discordRegisterCommand([], io)).toBe(0);
    expect(io.out).toContain(`in guild ${emu.guildId}`);
    expect(emu.commands.global).toHaveLength(0);
    expect(emu.commands.guild.get(emu.guildId)).toHaveLength(slashCommands().length);
  });

  it('is wired into the chime CLI as "chime discord register"', async () => {
    const { main } = await import('../../../src/cli/main.js');
    const io = captureIo(env());
    expect(await main(['discord', 'register', '--guild', emu.guildId], io)).toBe(0);
    expect(io.out).toContain(`in guild ${emu.guildId}`);
  });

  it('refusals: no token, a non-numeric guild, Discord answering 403', async () => {
    await expect(discordRegisterCommand([], captureIo({ LOG_LEVEL: 'silent' }))).rejects.toThrow(/DISCORD_TOKEN is not set/);
    await expect(discordRegisterCommand(['--guild', 'my-server'], captureIo(env()))).rejects.toThrow(/numeric Discord server id/);
    await expect(discordRegisterCommand(['--guilt', '1'], captureIo(env()))).rejects.toThrow(/Unknown option/);

    emu.injectFault({ method: 'PUT', path: /commands$/, times: 1, status: 403 });
    const refused = captureIo(env());
    expect(await discordRegisterCommand([], refused)).toBe(1);
    expect(refused.err).toMatch(/Discord refused the registration \(403/);
  });
});
