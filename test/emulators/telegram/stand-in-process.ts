/**
 * The rate-limited Bot API stand-in as its own process, as Telegram is: event-loop pauses of
 * the process under test then delay its requests, but not the stand-in's clock or its
 * reading of them. Started with `fork` (IPC); sends `{ apiRoot, token }` once listening and
 * answers `'stats'` with what it received.
 *
 * Env: STAND_IN_GLOBAL_PER_SECOND (default 30), STAND_IN_GLOBAL_MODE `bucket` (default) or `window`.
 */
import { FakeBotApi } from './fake-bot-api.js';

/** What the parent gets back for `'stats'`. */
export interface StandInStats {
  sent: Array<{ chat_id: number; at: number }>;
  tooManyRequests: number;
}

const api = await new FakeBotApi({
  limits: {
    globalPerSecond: Number(process.env.STAND_IN_GLOBAL_PER_SECOND ?? 30),
    globalMode: process.env.STAND_IN_GLOBAL_MODE === 'window' ? 'window' : 'bucket',
    perChatIntervalMs: 1000,
    groupPerMinute: 20,
  },
  acceptUnknownChats: true,
}).start();
process.send?.({ apiRoot: api.apiRoot, token: api.token });
process.on('message', (msg) => {
  if (msg === 'stats') {
    const stats: StandInStats = { sent: api.sent.map((m) => ({ chat_id: m.chat_id, at: m.at })), tooManyRequests: api.tooManyRequests };
    process.send?.(stats);
  } else if (msg === 'stop') {
    void api.stop().then(() => process.exit(0));
  }
});
process.on('disconnect', () => void api.stop().then(() => process.exit(0)));
