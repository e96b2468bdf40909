/**
 * 3,000 reminders due at once to 3,000 different Telegram chats, through the whole app:
 * reminder jobs in the SQLite store (temp file) → scheduler → reminder executor → outbox rows
 * → OutboxDispatcher → Telegram sender (grammY with the throttle and auto-retry transformers)
 * → HTTP → a Bot API stand-in (its own process, as Telegram is) that enforces 30 messages per
 * second overall (token bucket of 30; STAND_IN_GLOBAL_MODE=window for a strict 1000 ms sliding
 * window), 1 per second per chat and 20 per minute per group, answering 429 + retry_after beyond.
 *
 * Prints: telegram_burst_rate (msgs/s between the first and the last send), telegram_burst_429s,
 * telegram_burst_lost (reminders not delivered exactly once).
 *
 * Usage: node --import tsx bench/telegram-burst.ts   (BURST_N=300 for a quick run; default 3000, ~100 s)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTelegramAdapter } from '../adapters/telegram/index.js';
import { createApp } from '../src/app.js';
import { SystemClock } from '../src/core/system-clock.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/log.js';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StandInStats } from '../test/emulators/telegram/stand-in-process.js';

const N = Number(process.env.BURST_N ?? 3000);
const FIRST_CHAT = 1_000_000;

function ask<T>(child: ChildProcess, msg?: string): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as T));
    if (msg !== undefined) child.send(msg);
  });
}

async function main(): Promise<void> {
  const script = fileURLToPath(new URL('../test/emulators/telegram/stand-in-process.ts', import.meta.url));
  const child = fork(script, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const api = await ask<{ apiRoot: string; token: string }>(child);
  let stats: StandInStats = { sent: [], tooManyRequests: 0 };
  const dir = mkdtempSync(join(tmpdir(), 'chime-tg-burst-'));
  const clock = new SystemClock();
  const config = loadConfig({
    CHIME_DB: join(dir, 'burst.db'),
    LOG_LEVEL: 'silent',
    TELEGRAM_BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
  });
  const adapter = createTelegramAdapter({ token: api.token, apiRoot: api.apiRoot });
  const app = createApp({ config, clock, logger: silentLogger(), adapters: [adapter] });

  // All due at the same instant, just before the app starts.
  const due = new Date(clock.now().getTime() - 1000);
  for (let i = 0; i < N; i++) {
    const chatId = String(FIRST_CHAT + i);
    app.store.jobs.createJob(
      {
        kind: 'reminder',
        payload: { text: `stretch #${i}` },
        owner: { platform: 'telegram', userId: chatId, name: `user${i}` },
        origin: { platform: 'telegram', chatId, chatType: 'private' },
        schedule: { kind: 'once', at: due },
        timeZone: 'UTC',
      },
      due,
    );
  }

  await app.start();
  const deadline = performance.now() + (N / 25) * 1000 + 60_000;
  const open = async (): Promise<number> => {
    const s = await app.store.jobs.stats();
    return s.outboxPending + s.jobsByStatus.active;
  };
  while ((await open()) > 0 && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
  }
  stats = await ask<StandInStats>(child, 'stats');
  const sentRows = (await app.store.jobs.listOutbox({ status: 'sent', limit: N + 1 })).length;
  await app.stop();
  child.send('stop');
  rmSync(dir, { recursive: true, force: true });

  const times = stats.sent.map((m) => m.at).sort((a, b) => a - b);
  const span = times.length > 1 ? (times[times.length - 1]! - times[0]!) / 1000 : 0;
  // N sends at the limit are N-1 gaps: the rate is gaps per second between first and last.
  const rate = span > 0 ? (times.length - 1) / span : 0;
  const perChat = new Map<number, number>();
  for (const m of stats.sent) perChat.set(m.chat_id, (perChat.get(m.chat_id) ?? 0) + 1);
  let exactlyOnce = 0;
  for (let i = 0; i < N; i++) if (perChat.get(FIRST_CHAT + i) === 1) exactlyOnce++;
  console.log(`telegram_burst_rate: ${rate.toFixed(2)} msgs/s`);
  console.log(`telegram_burst_429s: ${stats.tooManyRequests} count`);
  console.log(`telegram_burst_lost: ${Math.max(N - exactlyOnce, N - sentRows)} count`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
