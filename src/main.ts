import { createConsoleAdapter } from '../adapters/console/index.js';
import { assertSafeBinding } from './api/api-config.js';
import { type App, createApp } from './app.js';
import { parse } from './nl/parse.js';
import { openStore } from './store/open-store.js';
import type { Adapter } from './chat/adapter.js';
import type { Config } from './config.js';
import { ConfigError } from './core/errors.js';
import { type CliIo, configOf } from './cli/io.js';
import { chooseLogFile, logFileProblem } from './log-file.js';
import { type Logger, createLogger } from './log.js';

/** The console adapter runs when no platform is configured, or when CHIME_CONSOLE asks for it. */
export function wantsConsole(config: Config): boolean {
  return (!config.telegram && !config.discord) || config.forceConsole;
}

/**
 * The chat platforms the configuration asks for: Telegram when TELEGRAM_BOT_TOKEN is set,
 * Discord when DISCORD_TOKEN is set, and the console when neither is (or CHIME_CONSOLE=true).
 * Platform adapters are imported only when configured, so their libraries load only then.
 */
export async function buildAdapters(config: Config, logger: Logger): Promise<Adapter[]> {
  const adapters: Adapter[] = [];
  if (config.telegram) {
    const { createTelegramAdapter } = await import('../adapters/telegram/index.js');
    adapters.push(
      createTelegramAdapter({
        token: config.telegram.token,
        ...(config.telegram.apiRoot ? { apiRoot: config.telegram.apiRoot } : {}),
        ...(config.telegram.webhook ? { webhook: config.telegram.webhook } : {}),
        logger: logger.child({ component: 'telegram' }),
      }),
    );
  }
  if (config.discord) {
    adapters.push(await discordAdapter(config.discord, logger));
  }
  if (wantsConsole(config)) {
    adapters.push(createConsoleAdapter({ input: process.stdin, output: process.stdout }));
  }
  return adapters;
}

async function discordAdapter(discord: NonNullable<Config['discord']>, logger: Logger): Promise<Adapter> {
  const { createDiscordAdapter } = await import('../adapters/discord/index.js');
  return createDiscordAdapter({
    token: discord.token,
    ...(discord.applicationId ? { applicationId: discord.applicationId } : {}),
    ...(discord.restApi ? { restApi: discord.restApi } : {}),
    ...(discord.guildId ? { commands: { guildId: discord.guildId } } : {}),
    logger: logger.child({ component: 'discord' }),
  });
}

/** What Discord answered a registration: the commands registered, or its refusal. */
type DiscordRegistration = { count: number } | { refused: { status: number; message: string } };

/**
 * Registers Chime's slash commands with Discord for `chime discord register`. The CLI reaches
 * the Discord adapter through here because only the composition root imports adapters/; the
 * adapter (and discord.js) loads only when this runs.
 */
export async function registerDiscordCommands(opts: {
  token: string;
  restApi?: string;
  applicationId?: string;
  guildId?: string;
}): Promise<DiscordRegistration> {
  const { RegistrationError, registerWithToken } = await import('../adapters/discord/register.js');
  try {
    return { count: (await registerWithToken(opts)).count };
  } catch (err) {
    if (err instanceof RegistrationError) return { refused: { status: err.status, message: err.message } };
    throw err;
  }
}

/**
 * Switches the log to a file when chooseLogFile says so, saying once where it goes (on stderr,
 * so it shows in the terminal). A file that cannot be opened leaves the log on stderr, with the
 * reason.
 */
function moveLogsToFile(config: Config, logger: Logger, io: CliIo): Logger {
  const file = chooseLogFile(config, wantsConsole(config) && process.stdout.isTTY === true);
  if (!file || config.logLevel === 'silent') return logger;
  const problem = logFileProblem(file);
  if (problem) {
    io.stderr(`Logging to stderr: the log file ${file} cannot be written (${problem}).\n`);
    return logger;
  }
  io.stderr(`Chime logs to ${file} (errors show here too). CHIME_LOG_FILE=stderr shows every line here.\n`);
  return createLogger({ level: config.logLevel, file });
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(logger: Logger): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      logger.info({ signal }, 'shutting down');
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/**
 * `chime start` / `npm start`: loads `.env`, validates the configuration, starts everything and
 * runs until SIGINT/SIGTERM, then shuts down gracefully. A second signal during shutdown
 * exits at once. Returns the exit code.
 */
export async function runChime(io: CliIo): Promise<number> {
  const config = configOf(io);
  let logger = createLogger({ level: config.logLevel });
  let app: App | undefined;
  try {
    // An API that would be open to the network stops Chime before anything starts.
    if (config.api.enabled) assertSafeBinding(config.api);
    // The store first: an unreachable database should stop Chime before any platform login.
    const store = await openStore(config);
    // Only now: the database's directory exists, and an unusable path has been reported.
    logger = moveLogsToFile(config, logger, io);
    const adapters = await buildAdapters(config, logger);
    app = createApp({ config, logger, adapters, store });
    const signal = untilSignal(logger);
    await app.start();
    // The HTTP stack (Fastify, its schema compilers, prom-client, the WebSocket server: about
    // 300 modules) loads only now, after the scheduler is running, and only when the API is on;
    // the API has always started after ready, so nothing waits for it that did not before.
    const http = config.api.enabled
      ? await (await import('./api/start-http.js')).startHttp({
          api: config.api,
          db: config.db,
          scheduler: app.scheduler,
          parse,
          clock: app.clock,
          defaultTimeZone: config.defaultTimeZone,
          maxTextLength: config.quotas.maxTextLength,
          logger,
          events: store.events,
          notes: store.notes,
          readiness: app.readiness(),
          taskEvents: (listener) => {
            app?.scheduler.on('task-event', listener);
            return () => app?.scheduler.off('task-event', listener);
          },
        })
      : undefined;
    if (http) io.stderr(`${http.banner.join('\n')}\n`);
    await signal;
    const force = (): void => {
      logger.warn('second signal: exiting without waiting');
      process.exit(130);
    };
    process.once('SIGINT', force);
    process.once('SIGTERM', force);
    // No new API calls while the scheduler winds down.
    await http?.server.close();
    await app.stop();
    process.off('SIGINT', force);
    process.off('SIGTERM', force);
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      // A setting that cannot work (an unusable database): one line naming it, no stack.
      io.stderr(`${err.message}\n`);
      await app?.stop().catch(() => undefined);
      return 1;
    }
    logger.fatal({ err }, 'chime failed');
    await app?.stop().catch(() => undefined);
    return 1;
  }
}
