import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Bot, webhookCallback } from 'grammy';
import type { AdapterLogger } from './logger.js';

/** Updates Chime asks Telegram for. */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query'] as const;

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

/** The HTTP server Telegram posts to: POST only, the secret checked by grammY's webhookCallback. */
function webhookServer(bot: Bot, hook: TelegramWebhookOptions, logger: AdapterLogger): Server {
  const callback = webhookCallback(bot, 'http', hook.secret ? { secretToken: hook.secret } : {});
  return createServer((req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405).end();
      return;
    }
    callback(req, res).catch((err: unknown) => {
      logger.warn({ err }, 'telegram: webhook request failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
}

/** Listens for Telegram's posts, then registers the webhook (with the secret) at Telegram. */
export async function startWebhook(bot: Bot, hook: TelegramWebhookOptions, logger: AdapterLogger): Promise<Server> {
  if (!hook.secret) logger.warn({}, 'telegram: webhook without a secret token: anyone who finds the URL can post updates');
  const server = webhookServer(bot, hook, logger);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(hook.port, hook.host, () => resolve());
  });
  await bot.api.setWebhook(hook.url, {
    allowed_updates: [...ALLOWED_UPDATES],
    ...(hook.secret ? { secret_token: hook.secret } : {}),
  });
  logger.info({ url: hook.url, port: (server.address() as AddressInfo).port }, 'telegram: webhook mode');
  return server;
}

/** Closes the server; resolves once open connections are done. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => server.close(() => resolve()));
}
