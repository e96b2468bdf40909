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
 * Discord through discord.js: gateway for interactions (slash commands, autocomplete, buttons),
 * REST for replies and due reminders. The sender works before start (the outbox may send first).
 */
export function createDiscordAdapter(options: DiscordAdapterOptions): DiscordAdapter {
  const logger = options.logger ?? silentLogger;
  const maxInPlace = options.maxInPlaceRetryMs ?? 5000;
  const client = new Client({
    // Interactions arrive without privileged intents; Guilds keeps channels and threads cached
    // so a thread's parent is known.
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
  const sender = createDiscordSender(client.rest, logger);
  const inFlight = new Set<Promise<void>>();
  let applicationId = options.applicationId;
  let started = false;

  function track(work: Promise<void>, what: object): void {
    const p = work.catch((err: unknown) => logger.error({ err, ...what }, 'discord: interaction handler failed'));
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }

  function install(chat: ChatService): void {
    const deps: InteractionDeps = { chat, logger };
    const picks = new PendingPicks();
    client.on(Events.InteractionCreate, (i: Interaction) => {
      const what = { interaction: i.id, channelId: i.channelId };
      if (i.isChatInputCommand()) track(handleCommand(deps, i), what);
      else if (i.isAutocomplete()) track(handleAutocomplete(deps, i), what);
      else if (i.isButton()) track(handleButton(deps, i), what);
      else if (i.isMessageContextMenuCommand()) track(handleMessageMenu(picks, i), what);
      else if (i.isModalSubmit() && i.customId.startsWith(MODAL_PREFIX)) track(handleAboutModal(deps, picks, i), what);
    });
    client.on(Events.Error, (err) => logger.error({ err }, 'discord: client error'));
    client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ code: event.code, shard }, 'discord: gateway disconnected'));
    client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'discord: gateway resumed'));
  }

  async function registerAtStart(): Promise<void> {
    const mode = options.commands ?? 'sync';
    if (mode === 'none') return;
    try {
      const appId = applicationId ?? (await fetchApplicationId(client.rest));
      applicationId = appId;
      if (mode === 'sync') {
        if (await syncGlobalCommands(client.rest, appId)) logger.info({}, 'discord: slash commands registered globally');
      } else {
        await registerCommands(client.rest, { applicationId: appId, guildId: mode.guildId });
        logger.info({ guildId: mode.guildId }, 'discord: slash commands registered in the guild');
      }
    } catch (err) {
      // Commands already registered keep working; a failure here must not stop reminders.
      logger.warn({ err }, 'discord: could not register slash commands');
    }
  }

  return {
    platform: DISCORD,
    sender,
    client,
    get applicationId() {
      return applicationId;
    },
    async start(chat) {
      if (started) throw new Error('discord adapter: start() called twice');
      started = true;
      install(chat);
      // Listen before login: READY can arrive before login() resolves.
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(options.token);
      await ready;
      applicationId ??= client.application?.id;
      await registerAtStart();
      logger.info({ bot: client.user?.username, applicationId }, 'discord: adapter started');
    },
    async stop() {
      await Promise.allSettled([...inFlight]);
      await client.destroy();
      // destroy() clears the token; the sender may still be used by a draining outbox.
      client.rest.setToken(options.token);
    },
  };
}
