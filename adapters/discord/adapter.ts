import { Client, Events, GatewayIntentBits, Partials, type Interaction } from 'discord.js';
import type { Adapter } from '../../src/chat/adapter.js';
import type { ChatService } from '../../src/chat/message.js';
import { handleAboutModal, handleMessageMenu, MODAL_PREFIX, PendingPicks } from './about-message.js';
import { handleAutocomplete, handleButton, handleCommand, type InteractionDeps } from './interactions.js';
import { silentLogger, type AdapterLogger } from './logger.js';
import { fetchApplicationId, registerCommands, syncGlobalCommands } from './register.js';
import { createDiscordSender } from './sender.js';
import { DISCORD } from './to-incoming.js';

export interface DiscordAdapterOptions {
  /** Bot token (DISCORD_TOKEN). */
  token: string;
  /** Application id (DISCORD_APPLICATION_ID); read from READY (or GET /applications/@me) when absent. */
  applicationId?: string;
  /** Another API base, e.g. `http://127.0.0.1:PORT/api` (DISCORD_REST_API). The gateway URL then comes from its /gateway/bot. */
  restApi?: string;
  logger?: AdapterLogger;
  /**
   * Slash command registration at start: `'sync'` (default) registers the global commands when
   * Discord's differ from Chime's, `{ guildId }` registers in that guild (instant, for
   * development), `'none'` leaves it to `chime discord register`.
   */
  commands?: 'sync' | 'none' | { guildId: string };
  /** 429s asking for a longer wait (ms) are handed back to the outbox instead of waited out in discord.js' queue. Default 5000. */
  maxInPlaceRetryMs?: number;
  /** How long READY waits for guilds to arrive (ms). Default discord.js' 15 000; tests pass a small value. */
  waitGuildTimeout?: number;
}

/** A message posted to a channel (the sender's call), as discord.js names the route of a rate limit. */
export function isChannelSend(method: string, route: string): boolean {
  return method.toUpperCase() === 'POST' && /^\/channels\/[^/]+\/messages$/.test(route);
}

/** The Discord adapter; `client` is exposed for diagnostics and tests. */
export interface DiscordAdapter extends Adapter {
  readonly client: Client;
  /** The application id, known after start (or when configured). */
  readonly applicationId: string | undefined;
}

/**
 * The discord.js client: interactions only (no privileged intents; Guilds keeps channels and
 * threads cached so a thread's parent is known), REST aimed at `restApi` when given.
 */
function createClient(options: DiscordAdapterOptions): Client {
  const maxInPlace = options.maxInPlaceRetryMs ?? 5000;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    partials: [Partials.Channel],
    ...(options.waitGuildTimeout !== undefined ? { waitGuildTimeout: options.waitGuildTimeout } : {}),
    rest: {
      ...(options.restApi ? { api: options.restApi } : {}),
      // Short 429s are waited out in the queue; long ones on channel sends become
      // RateLimitedError so the outbox reschedules the row instead of holding a dispatcher
      // slot. Interaction answers always wait: their token lasts 15 minutes, and failing
      // would leave the person looking at "thinking…".
      rejectOnRateLimit: (info) => info.retryAfter > maxInPlace && isChannelSend(info.method, info.route),
    },
  });
  client.rest.setToken(options.token);
  return client;
}

/** Interaction handlers still running, so stop() can let them finish; their errors are logged. */
class HandlersInFlight {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly logger: AdapterLogger) {}

  track(work: Promise<void>, what: object): void {
    const p = work.catch((err: unknown) => this.logger.error({ err, ...what }, 'discord: interaction handler failed'));
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  async idle(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}

/** Routes each interaction to its handler, and logs the gateway's errors and reconnects. */
function installHandlers(client: Client, chat: ChatService, inFlight: HandlersInFlight, logger: AdapterLogger): void {
  const deps: InteractionDeps = { chat, logger };
  const picks = new PendingPicks();
  client.on(Events.InteractionCreate, (i: Interaction) => {
    const what = { interaction: i.id, channelId: i.channelId };
    if (i.isChatInputCommand()) inFlight.track(handleCommand(deps, i), what);
    else if (i.isAutocomplete()) inFlight.track(handleAutocomplete(deps, i), what);
    else if (i.isButton()) inFlight.track(handleButton(deps, i), what);
    else if (i.isMessageContextMenuCommand()) inFlight.track(handleMessageMenu(picks, i), what);
    else if (i.isModalSubmit() && i.customId.startsWith(MODAL_PREFIX)) inFlight.track(handleAboutModal(deps, picks, i), what);
  });
  client.on(Events.Error, (err) => logger.error({ err }, 'discord: client error'));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ code: event.code, shard }, 'discord: gateway disconnected'));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'discord: gateway resumed'));
}

/**
 * Registers the slash commands as `mode` says; returns the application id it learnt (or was
 * given). A failure is logged, not thrown: commands already registered keep working, and
 * reminders must not stop over it.
 */
async function registerAtStart(
  client: Client,
  mode: NonNullable<DiscordAdapterOptions['commands']>,
  known: string | undefined,
  logger: AdapterLogger,
): Promise<string | undefined> {
  if (mode === 'none') return known;
  let appId = known;
  try {
    appId ??= await fetchApplicationId(client.rest);
    if (mode === 'sync') {
      if (await syncGlobalCommands(client.rest, appId)) logger.info({}, 'discord: slash commands registered globally');
    } else {
      await registerCommands(client.rest, { applicationId: appId, guildId: mode.guildId });
      logger.info({ guildId: mode.guildId }, 'discord: slash commands registered in the guild');
    }
  } catch (err) {
    logger.warn({ err }, 'discord: could not register slash commands');
  }
  return appId;
}

/** Logs in and waits for READY (listening first: READY can arrive before login() resolves). */
async function loginAndWaitReady(client: Client, token: string): Promise<void> {
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(token);
  await ready;
}

/**
 * Discord through discord.js: gateway for interactions (slash commands, autocomplete, buttons),
 * REST for replies and due reminders. The sender works before start (the outbox may send first).
 */
export function createDiscordAdapter(options: DiscordAdapterOptions): DiscordAdapter {
  const logger = options.logger ?? silentLogger;
  const client = createClient(options);
  const sender = createDiscordSender(client.rest, logger);
  const inFlight = new HandlersInFlight(logger);
  let applicationId = options.applicationId;
  let started = false;

  return {
    platform: DISCORD,
    sender,
    client,
    get applicationId() {
      return applicationId;
    },
    connected: () => client.isReady(),
    async start(chat) {
      if (started) throw new Error('discord adapter: start() called twice');
      started = true;
      installHandlers(client, chat, inFlight, logger);
      await loginAndWaitReady(client, options.token);
      applicationId ??= client.application?.id;
      applicationId = await registerAtStart(client, options.commands ?? 'sync', applicationId, logger);
      logger.info({ bot: client.user?.username, applicationId }, 'discord: adapter started');
    },
    async stop() {
      await inFlight.idle();
      await client.destroy();
      // destroy() clears the token; the sender may still be used by a draining outbox.
      client.rest.setToken(options.token);
    },
  };
}
