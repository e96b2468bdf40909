import { createRequire } from 'node:module';
import type { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import type { TelegramClient } from 'telegram-test-api/lib/modules/telegramClient.js';
import { freePort } from './free-port.js';

// The package is CommonJS with `module.exports = TelegramServer`, which its typings describe
// as a default export; require() gets the class either way.
const TelegramServerClass = createRequire(import.meta.url)('telegram-test-api') as typeof TelegramServer;

/** Pause after an empty getUpdates: telegram-test-api answers at once and ignores `timeout`. */
export const TEST_API_POLLING_PAUSE_MS = 25;

/** A running telegram-test-api instance. */
export interface TestApi {
  server: TelegramServer;
  /** Value for the adapter's `apiRoot` (grammY appends /bot<token>/<method>). */
  apiRoot: string;
  token: string;
  /** A client speaking as a user; options pick the user and chat (private by default). */
  client(options?: Parameters<TelegramServer['getClient']>[1]): TelegramClient;
  /** Messages the bot sent (sendMessage bodies as stored, with message ids). */
  botMessages(): Array<{ messageId: number; message: Record<string, unknown> }>;
  /** Resolves when `predicate` holds for the bot's messages, polling every 10 ms. */
  waitForBotMessages(predicate: (msgs: ReturnType<TestApi['botMessages']>) => boolean, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts telegram-test-api in-process on a free 127.0.0.1 port. Known limits (4.2.1): it
 * ignores getUpdates' offset and timeout, answers HTTP 500 for methods it lacks
 * (setMyCommands, getChatMember, sendChatAction, forum methods), reports every bot message
 * with chat.type 'private' and a date in milliseconds.
 */
export async function startTestApi(token = '123456:TEST-TOKEN'): Promise<TestApi> {
  const port = await freePort();
  const server = new TelegramServerClass({ port, host: '127.0.0.1', storeTimeout: 600 });
  await server.start();
  const botMessages = (): ReturnType<TestApi['botMessages']> =>
    server.storage.botMessages
      .filter((m) => m.botToken === token)
      .map((m) => ({ messageId: m.messageId, message: m.message as unknown as Record<string, unknown> }));
  return {
    server,
    apiRoot: server.config.apiURL,
    token,
    client: (options) => server.getClient(token, { timeout: 3000, interval: 20, ...options }),
    botMessages,
    async waitForBotMessages(predicate, timeoutMs = 5000) {
      const deadline = performance.now() + timeoutMs;
      while (!predicate(botMessages())) {
        if (performance.now() > deadline) {
          throw new Error(`timed out waiting for bot messages; have: ${JSON.stringify(botMessages().map((m) => m.message.text))}`);
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    stop: async () => {
      await server.stop();
    },
  };
}
