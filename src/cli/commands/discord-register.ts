/**
 * `chime discord register [--guild <id>]`: registers Chime's slash commands with Discord,
 * globally (every server the bot is in; Discord may take a while to show changes) or in one
 * guild (instant; `--guild`, else DISCORD_GUILD_ID). Needs DISCORD_TOKEN; DISCORD_APPLICATION_ID is looked up
 * from the token when unset; DISCORD_REST_API points at another API (tests).
 * The Discord calls live in adapters/discord, reached through the composition root (main.ts).
 */
import { UserError } from '../../core/errors.js';
import { parseOptions } from '../args.js';
import { type CliCommand, configOf } from '../io.js';
import { registerDiscordCommands } from '../../main.js';

export const usage = 'chime discord register [--guild <guild id>]';
export const summary = 'Register the slash commands with Discord (globally, or in one guild)';

export const discordRegisterCommand: CliCommand = async (argv, io) => {
  const values = parseOptions(argv, { guild: { type: 'string' } }, usage);
  if (values.guild !== undefined && !/^\d{1,20}$/.test(values.guild)) {
    throw new UserError(
      'discord.guild',
      `--guild must be a numeric Discord server id (got "${values.guild}").`,
      'chime discord register --guild 123456789012345678',
    );
  }
  const config = configOf(io);
  if (!config.discord) {
    throw new UserError(
      'discord.token',
      'DISCORD_TOKEN is not set: Chime needs the bot token to register its commands.',
      'DISCORD_TOKEN=… chime discord register',
    );
  }
  // --guild wins; else the server of DISCORD_GUILD_ID; else global.
  const guildId = values.guild ?? config.discord.guildId;
  const result = await registerDiscordCommands({
    token: config.discord.token,
    ...(config.discord.restApi ? { restApi: config.discord.restApi } : {}),
    ...(config.discord.applicationId ? { applicationId: config.discord.applicationId } : {}),
    ...(guildId ? { guildId } : {}),
  });
  if ('refused' in result) {
    const { status, message } = result.refused;
    const hint =
      status === 401
        ? ' Check DISCORD_TOKEN.'
        : status === 403 || status === 404
          ? ' Check DISCORD_APPLICATION_ID and that the bot is in that server.'
          : '';
    io.stderr(`Discord refused the registration (${status}: ${message}).${hint}\n`);
    return 1;
  }
  io.stdout(
    guildId
      ? `Registered ${result.count} commands in guild ${guildId}.\n`
      : `Registered ${result.count} commands globally (Discord may take a few minutes to show changes).\n`,
  );
  return 0;
};
