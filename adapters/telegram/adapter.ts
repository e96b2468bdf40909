import type { Server } from 'node:http';
import { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Adapter } from '../../src/chat/adapter.js';
import type { ChatService } from '../../src/chat/message.js';
import { createAdminCache, DEFAULT_ADMIN_CACHE_MS } from './admin-cache.js';
import { DEFAULT_RATE_LIMITS, pauseOnEmptyPoll, sendThrottle, shortRetry, type TelegramRateLimits } from './api-transformers.js';
import type { MenuCommand } from './commands.js';
import { handleCallback, handleEditedMessage, handleMessage, type HandlerDeps } from './handlers.js';
import { silentLogger, type AdapterLogger } from './logger.js';
import { createTelegramSender } from './sender.js';
import { TELEGRAM } from './to-incoming.js';
import { type Polling, startPolling } from './polling.js';
import { UpdatesInFlight, inLaneOrder } from './update-flow.js';
import { closeServer, startWebhook, type TelegramWebhookOptions } from './webhook-server.js';

/**
 * The chat layer's own command list when it offers one (`ChimeChat.commands`), trimmed to
 * Telegram's rules: 1-32 lowercase letters, digits or underscores; descriptions 1-256 chars.
 */
export function menuOf(chat: ChatService): MenuCommand[] | undefined {
  const list = (chat as { commands?: unknown }).commands;
  if (!Array.isArray(list)) return undefined;
  const menu = list
    .filter((c): c is { name: string; description: string } => typeof c?.name === 'string' && typeof c?.description === 'string')
    .filter((c) => /^[a-z0-9_]{1,32}$/.test(c.name) && c.description.trim().length > 0)
    .map((c) => ({ command: c.name, description: c.description.trim().slice(0, 256) }));
  return menu.length > 0 ? menu : undefined;
}

/**
 * How long start() waits for getMe by default. grammY's bot.init retries network errors, 5xx
 * and 429 by itself (with backoff) and fails at once on a bad token, but it retries for ever,
 * and the adapters start one after another: an unreachable Bot API must fail the start, not
 * hang it.
 */
const INIT_TIMEOUT_MS = 7_000;

export type { TelegramWebhookOptions } from './webhook-server.js';

export interface TelegramAdapterOptions {
  /** Bot token from @BotFather (TELEGRAM_BOT_TOKEN). */
  token: string;
  /** Another Bot API server, e.g. a local one or an emulator (TELEGRAM_API_ROOT). Default Telegram's. */
  apiRoot?: string;
  /** Receive updates by webhook instead of long polling (TELEGRAM_WEBHOOK_URL). */
  webhook?: TelegramWebhookOptions;
  logger?: AdapterLogger;
  /** Pause after an empty getUpdates answer (ms). Default 0: Telegram long-polls by itself. */
  pollingPause?: number;
  /** Sending limits; defaults are Telegram's (30/s, 1/s per chat, 20/min per group). */
  rateLimits?: Partial<TelegramRateLimits>;
  /** 429s asking for at most this wait are retried in place (s); longer ones go back to the outbox. Default 5. */
  maxInPlaceRetrySeconds?: number;
  /** How long an admin lookup is trusted (ms). Default 60 s. */
  adminCacheMs?: number;
  /** Known bot identity: skips getMe (tests, or a restart that cached it). */
  botInfo?: UserFromGetMe;
  /** How long start() keeps retrying getMe before it fails (ms). Default 7 s. */
  initTimeoutMs?: number;
}

/** The Telegram adapter; `webhookPort` is the bound port in webhook mode once started. */
export interface TelegramAdapter extends Adapter {
  readonly webhookPort: number | undefined;
  /** Username of the bot, known after start. */
  readonly botUsername: string | undefined;
}

/** The grammY bot with its API transformers: throttle, short in-place retries, optional poll pause. */
function createBot(options: TelegramAdapterOptions): Bot {
  const bot = new Bot(options.token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    ...(options.apiRoot ? { client: { apiRoot: options.apiRoot } } : {}),
  });
  // Installation order matters: the last transformer is the outermost, so a 429 retried by
  // shortRetry goes through the throttle again.
  bot.api.config.use(sendThrottle({ ...DEFAULT_RATE_LIMITS, ...options.rateLimits }));
  bot.api.config.use(shortRetry(options.maxInPlaceRetrySeconds ?? 5));
  if (options.pollingPause) bot.api.config.use(pauseOnEmptyPoll(options.pollingPause));
  return bot;
}

/** getMe within `timeoutMs` (grammY retrying transient failures meanwhile). */
async function initBot(bot: Bot, timeoutMs: number): Promise<void> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    // grammY's Node build types its signal with the abort-controller shim; Node's is the same at runtime.
    await bot.init(signal as Parameters<Bot['init']>[0]);
  } catch (err) {
    if (!signal.aborted) throw err;
    throw new Error(`telegram: no answer to getMe within ${timeoutMs / 1000} s (network or Bot API unreachable)`, { cause: err });
  }
}

/** The menu is the chat service's own command list, so it cannot drift from what the bot answers. */
async function registerCommands(bot: Bot, chat: ChatService, logger: AdapterLogger): Promise<void> {
  const menu = menuOf(chat);
  if (!menu) return;
  try {
    await bot.api.setMyCommands(menu);
  } catch (err) {
    // A missing menu is cosmetic; emulators and restricted API servers refuse the method.
    logger.warn({ err }, 'telegram: setMyCommands failed, continuing without a command menu');
  }
}

/**
 * The update middleware: every update counted in flight, kept in its lane's order, then
 * handed to the message or button handler.
 */
function installHandlers(
  bot: Bot,
  inFlight: UpdatesInFlight,
  deps: () => HandlerDeps,
  opts: { detach: boolean; logger: AdapterLogger },
): void {
  bot.use(inFlight.track(opts));
  bot.use(inLaneOrder());
  bot.on('message', (ctx) => handleMessage(deps(), ctx.message));
  bot.on('callback_query', (ctx) => handleCallback(deps(), ctx.callbackQuery));
  bot.on('edited_message', (ctx) => handleEditedMessage(deps(), ctx.editedMessage));
  bot.catch((err) => opts.logger.error({ err: err.error, update: err.ctx.update.update_id }, 'telegram: middleware error'));
}

/**
 * Telegram through grammY: long polling by default, webhook mode when `webhook` is given.
 * The sender (also used by the outbox dispatcher for due reminders) works before start.
 */
export function createTelegramAdapter(options: TelegramAdapterOptions): TelegramAdapter {
  const logger = options.logger ?? silentLogger;
  const bot = createBot(options);
  // The chat service comes with start(); a send before it (the outbox) still reaches the new chat.
  let chatService: ChatService | undefined;
  const sender = createTelegramSender(bot.api, logger, (move) => chatService?.moveChat?.(move));
  const admins = createAdminCache(bot.api, logger, options.adminCacheMs ?? DEFAULT_ADMIN_CACHE_MS);
  const inFlight = new UpdatesInFlight();
  let server: Server | undefined;
  let polling: Polling | undefined;
  let started = false;

  return {
    platform: TELEGRAM,
    sender,
    get webhookPort() {
      const addr = server?.address();
      return addr && typeof addr === 'object' ? addr.port : undefined;
    },
    get botUsername() {
      return bot.isInited() ? bot.botInfo.username : undefined;
    },
    connected: () => server?.listening === true || (polling?.running() ?? false),
    async start(chat) {
      if (started) throw new Error('telegram adapter: start() called twice');
      started = true;
      chatService = chat;
      const deps = (): HandlerDeps => ({
        api: bot.api,
        sender,
        chat,
        admins,
        bot: { id: bot.botInfo.id, username: bot.botInfo.username },
        logger,
      });
      installHandlers(bot, inFlight, deps, { detach: options.webhook !== undefined, logger });
      await initBot(bot, options.initTimeoutMs ?? INIT_TIMEOUT_MS);
      await registerCommands(bot, chat, logger);
      if (options.webhook) server = await startWebhook(bot, options.webhook, logger);
      else polling = await startPolling(bot, logger, () => inFlight.lastUpdateId);
      logger.info({ bot: bot.botInfo.username }, 'telegram: adapter started');
    },
    async stop() {
      const srv = server;
      server = undefined;
      if (srv) await closeServer(srv);
      const poll = polling;
      polling = undefined;
      await poll?.stop();
      await inFlight.idle();
    },
  };
}
