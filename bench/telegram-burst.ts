/**
 * A burst of due reminders to distinct Telegram chats, through the real path: outbox rows in
 * the SQLite store (temp file) →
 * OutboxDispatcher → Telegram sender (grammY with the throttle and auto-retry transformers) →
 * HTTP → a Bot API stand-in that enforces 30 messages per any 1000 ms window, 1 per second
 * per chat and 20 per minute per group, answering 429 + retry_after beyond that.
 *
 * Prints: telegram_burst_rate (msgs/s, first send to last), telegram_burst_429s,
 * telegram_burst_lost (rows not delivered exactly once).
 *
 * Usage: node --import tsx bench/telegram-burst.ts   (BURST_N=300 for a quick run; default 3000, ~100 s)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTelegramAdapter } from '../adapters/telegram/index.js';
import { SystemClock } from '../src/clock.js';
import type { OutboxMessage } from '../src/core/run.js';
import { OutboxDispatcher } from '../src/delivery/outbox-dispatcher.js';
import { silentLogger } from '../src/log.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { FakeBotApi } from '../test/emulators/telegram/fake-bot-api.js';

const N = Number(process.env.BURST_N ?? 3000);
const FIRST_CHAT = 1_000_000;

async function main(): Promise<void> {
  const api = await new FakeBotApi({
    limits: { globalPerSecond: 30, perChatIntervalMs: 1000, groupPerMinute: 20 },
    acceptUnknownChats: true,
  }).start();
  const clock = new SystemClock();
  const dir = mkdtempSync(join(tmpdir(), 'chime-tg-burst-'));
  const sqlite = openSqliteStore(join(dir, 'burst.db'), { clock });
  const store = sqlite.jobs;
  const due = clock.now();
  const rows: OutboxMessage[] = Array.from({ length: N }, (_, i) => ({
    key: `burst-${i}@${due.toISOString()}`,
    jobId: null,
    to: { platform: 'telegram', chatId: String(FIRST_CHAT + i) },
    text: `⏰ Reminder ${i}: stretch`,
    actions: [[{ id: `snooze:job${i}:10m`, label: 'Snooze 10 min' }, { id: `done:job${i}`, label: 'Done' }]],
  }));
  store.enqueueOutbox(rows, due);

  const adapter = createTelegramAdapter({ token: api.token, apiRoot: api.apiRoot });
  const dispatcher = new OutboxDispatcher({ store, clock, logger: silentLogger(), senders: [adapter.sender] });
  dispatcher.start();
  const deadline = performance.now() + (N / 25) * 1000 + 60_000;
  const open = (): number => store.stats().outboxPending;
  while (open() > 0 && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
  }
  await dispatcher.stop();
  await api.stop();
  const sentRows = store.listOutbox({ status: 'sent', limit: N + 1 }).length;
  sqlite.close();
  rmSync(dir, { recursive: true, force: true });

  const times = api.sent.map((m) => m.at).sort((a, b) => a - b);
  const span = times.length > 1 ? (times[times.length - 1]! - times[0]!) / 1000 : 0;
  // N messages take N-1 gaps at the limit; rate = gaps per second between first and last send.
  const rate = span > 0 ? (times.length - 1) / span : 0;
  const perChat = new Map<number, number>();
  for (const m of api.sent) perChat.set(m.chat_id, (perChat.get(m.chat_id) ?? 0) + 1);
  let exactlyOnce = 0;
  for (let i = 0; i < N; i++) if (perChat.get(FIRST_CHAT + i) === 1) exactlyOnce++;
  const notSent = N - sentRows;
  console.log(`telegram_burst_rate: ${rate.toFixed(2)} msgs/s`);
  console.log(`telegram_burst_429s: ${api.tooManyRequests} count`);
  console.log(`telegram_burst_lost: ${Math.max(N - exactlyOnce, notSent)} count`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
