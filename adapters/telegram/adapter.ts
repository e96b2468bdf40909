import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bot, GrammyError, HttpError, webhookCallback } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Adapter } from '../../src/chat/adapter.js';
import type { ChatService } from '../../src/chat/message.js';
import { createAdminCache, DEFAULT_ADMIN_CACHE_MS } from './admin-cache.js';
import { DEFAULT_RATE_LIMITS, pauseOnEmptyPoll, sendThrottle, shortRetry, type TelegramRateLimits } from './api-transformers.js';
import type { MenuCommand } from './commands.js';
import { handleCallback, handleMessage, type HandlerDeps } from './handlers.js';
import { silentLogger, type AdapterLogger } from './logger.js';
import { createTelegramSender } from './sender.js';
import { TELEGRAM } from './to-incoming.js';
import { KeyedQueue } from './update-queue.js';

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

/** getMe attempts at start before giving up (about 7 s in all). */
const INIT_ATTEMPTS = 4;

/** Updates Chime asks Telegram for. */
const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

/** Webhook mode: Telegram posts updates to `url`, which must reach this process on `port`. */
export interface TelegramWebhookOptions {
  /** Public HTTPS URL registered with setWebhook. */
  url: string;
  /** Local port of the HTTP server (0 picks a free one; see `webhookPort`). */
  port: number;
  /** Checked against X-Telegram-Bot-Api-Secret-Token; unset or empty disables the check (not advised). */
  secret?: string;
  /** Interface to listen on. Default all interfaces. */
  host?: string;
}

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
}

/** The Telegram adapter; `webhookPort` is the bound port in webhook mode once started. */
export interface TelegramAdapter extends Adapter {
  readonly webhookPort: number | undefined;
  /** Username of the bot, known after start. */
  readonly botUsername: string | undefined;
}

/**
 * Telegram through grammY: long polling by default, webhook mode when `webhook` is given.
 * The sender (also used by the outbox dispatcher for due reminders) works before start.
 */
export function createTelegramAdapter(options: TelegramAdapterOptions): TelegramAdapter {
  const logger = options.logger ?? silentLogger;
  const bot = new Bot(options.token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    ...(options.apiRoot ? { client: { apiRoot: options.apiRoot } } : {}),
  });
  // Installation order matters: the last transformer is the outermost, so a 429 retried by
  // shortRetry goes through the throttle again.
  bot.api.config.use(sendThrottle({ ...DEFAULT_RATE_LIMITS, ...options.rateLimits }));
  bot.api.config.use(shortRetry(options.maxInPlaceRetrySeconds ?? 5));
  if (options.pollingPause) bot.api.config.use(pauseOnEmptyPoll(options.pollingPause));

  const sender = createTelegramSender(bot.api, logger);
  const admins = createAdminCache(bot.api, logger, options.adminCacheMs ?? DEFAULT_ADMIN_CACHE_MS);
  const queue = new KeyedQueue((err) => logger.error({ err }, 'telegram: update handler failed'));
  let server: Server | undefined;
  let polling: Promise<void> | undefined;
  let started = false;

  /** The menu is the chat service's own command list, so it cannot drift from what the bot answers. */
  async function registerCommands(chat: ChatService): Promise<void> {
    const menu = menuOf(chat);
    if (!menu) return;
    try {
      await bot.api.setMyCommands(menu);
    } catch (err) {
      // A missing menu is cosmetic; emulators and restricted API servers refuse the method.
      logger.warn({ err }, 'telegram: setMyCommands failed, continuing without a command menu');
    }
  }

  function install(chat: ChatService): void {
    const deps = (): HandlerDeps => ({
      api: bot.api,
      sender,
      chat,
      admins,
      bot: { id: bot.botInfo.id, username: bot.botInfo.username },
      logger,
    });
    bot.on('message', (ctx) => {
      queue.push(String(ctx.chat.id), () => handleMessage(deps(), ctx.message));
    });
    bot.on('callback_query', (ctx) => {
      // Own lane per chat: Telegram wants the query answered within seconds, and a reply
      // waiting for a busy group's send budget must not hold the button press up.
      const chatId = ctx.callbackQuery.message?.chat.id ?? ctx.callbackQuery.from.id;
      queue.push(`cb:${chatId}`, () => handleCallback(deps(), ctx.callbackQuery));
    });
    bot.catch((err) => logger.error({ err: err.error, update: err.ctx.update.update_id }, 'telegram: middleware error'));
  }

  async function startWebhook(hook: TelegramWebhookOptions): Promise<void> {
    if (!hook.secret) logger.warn({}, 'telegram: webhook without a secret token: anyone who finds the URL can post updates');
    const callback = webhookCallback(bot, 'http', hook.secret ? { secretToken: hook.secret } : {});
    server = createServer((req, res) => {
      if (req.method !== 'POST') {
        res.writeHead(405).end();
        return;
      }
      callback(req, res).catch((err: unknown) => {
        logger.warn({ err }, 'telegram: webhook request failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    const srv = server;
    await new Promise<void>((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(hook.port, hook.host, () => resolve());
    });
    await bot.api.setWebhook(hook.url, {
      allowed_updates: [...ALLOWED_UPDATES],
      ...(hook.secret ? { secret_token: hook.secret } : {}),
    });
    logger.info({ url: hook.url, port: (srv.address() as AddressInfo).port }, 'telegram: webhook mode');
  }

  /** getMe, retried briefly on network errors and 5xx (a bot starting with its network); a bad token fails at once. */
  async function initWithRetry(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await bot.init();
        return;
      } catch (err) {
        const transient = err instanceof HttpError || (err instanceof GrammyError && err.error_code >= 500);
        if (!transient || attempt >= INIT_ATTEMPTS) throw err;
        logger.warn({ err, attempt }, 'telegram: getMe failed, retrying');
        await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
      }
    }
  }

  function startPolling(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      polling = bot
        .start({ allowed_updates: [...ALLOWED_UPDATES], onStart: () => resolve() })
        .catch((err: unknown) => {
          logger.error({ err }, 'telegram: long polling stopped with an error');
          reject(err);
        });
    });
  }

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
    async start(chat) {
      if (started) throw new Error('telegram adapter: start() called twice');
      started = true;
      install(chat);
      await initWithRetry();
      await registerCommands(chat);
      if (options.webhook) await startWebhook(options.webhook);
      else await startPolling();
      logger.info({ bot: bot.botInfo.username }, 'telegram: adapter started');
    },
    async stop() {
      if (server) {
        const srv = server;
        server = undefined;
        await new Promise<void>((resolve) => srv.close(() => resolve()));
      }
      if (polling) {
        await bot.stop().catch((err: unknown) => logger.warn({ err }, 'telegram: stopping long polling failed'));
        await polling;
        polling = undefined;
      }
      await queue.idle();
    },
  };
}
