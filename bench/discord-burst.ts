/**
 * A burst of due reminders to ONE Discord channel, through the real path: outbox rows in the
 * SQLite store (temp file) → OutboxDispatcher → Discord sender (discord.js REST queue) → HTTP →
 * the Discord emulator enforcing a per-channel message bucket announced in X-RateLimit-*
 * headers (429 beyond it). Discord's real channel bucket is about 5 per 5 s; the bench scales
 * it to LIMIT per WINDOW_MS so it finishes quickly — the pacing logic is the same.
 *
 * Prints: discord_burst_rate (msgs/s, first send to last; the limit is LIMIT*1000/WINDOW_MS),
 * discord_burst_429s, discord_burst_lost (rows not delivered exactly once),
 * discord_burst_out_of_order (deliveries not in row order).
 *
 * Usage: node --import tsx bench/discord-burst.ts   (BURST_N, BURST_LIMIT, BURST_WINDOW_MS; defaults 300, 25, 500)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDiscordAdapter } from '../adapters/discord/index.js';
import { SystemClock } from '../src/core/system-clock.js';
import type { OutboxMessage } from '../src/core/run.js';
import { OutboxDispatcher } from '../src/delivery/outbox-dispatcher.js';
import { silentLogger } from '../src/log.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { DiscordEmulator } from '../test/emulators/discord/emulator.js';

const N = Number(process.env.BURST_N ?? 300);
const LIMIT = Number(process.env.BURST_LIMIT ?? 25);
const WINDOW_MS = Number(process.env.BURST_WINDOW_MS ?? 500);

async function main(): Promise<void> {
  const emu = await new DiscordEmulator().start();
  emu.channelRateLimit = { limit: LIMIT, windowMs: WINDOW_MS };
  const channel = emu.generalChannel.id;
  const clock = new SystemClock();
  const dir = mkdtempSync(join(tmpdir(), 'chime-dc-burst-'));
  const sqlite = openSqliteStore(join(dir, 'burst.db'), { clock });
  const store = sqlite.jobs;
  const due = clock.now();
  const rows: OutboxMessage[] = Array.from({ length: N }, (_, i) => ({
    key: `burst-${i}@${due.toISOString()}`,
    jobId: null,
    to: { platform: 'discord', chatId: channel },
    text: `⏰ Sam: stretch #${i}`,
    actions: [
      [
        { id: `s10:job${i}`, label: 'Snooze 10 min' },
        { id: `done:job${i}`, label: 'Done' },
      ],
    ],
    meta: { mentions: ['1234'] },
  }));
  store.enqueueOutbox(rows, due);

  const adapter = createDiscordAdapter({ token: emu.token, restApi: emu.apiUrl, commands: 'none' });
  const dispatcher = new OutboxDispatcher({ store, clock, logger: silentLogger(), senders: [adapter.sender] });
  dispatcher.start();
  const deadline = performance.now() + (N / LIMIT) * WINDOW_MS * 2 + 30_000;
  while (store.stats().outboxPending > 0 && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  await dispatcher.stop();
  const sent = emu.messagesIn(channel).filter((m) => m.via === 'channel');
  const posts = emu.rest.requests.filter((r) => r.method === 'POST' && r.status === 200);
  await emu.stop();
  sqlite.close();
  rmSync(dir, { recursive: true, force: true });

  const order = sent.map((m) => Number(/#(\d+)/.exec(m.content)?.[1]));
  const counts = new Map<number, number>();
  for (const n of order) counts.set(n, (counts.get(n) ?? 0) + 1);
  let exactlyOnce = 0;
  for (let i = 0; i < N; i++) if (counts.get(i) === 1) exactlyOnce++;
  let outOfOrder = 0;
  for (let i = 1; i < order.length; i++) if (order[i]! < order[i - 1]!) outOfOrder++;
  const times = posts.map((r) => r.at).sort((a, b) => a - b);
  const span = times.length > 1 ? (times[times.length - 1]! - times[0]!) / 1000 : 0;
  console.log(`discord_burst_rate: ${(span > 0 ? (times.length - 1) / span : 0).toFixed(2)} msgs/s`);
  console.log(`discord_burst_limit: ${((LIMIT * 1000) / WINDOW_MS).toFixed(2)} msgs/s`);
  console.log(`discord_burst_429s: ${emu.rateLimited} count`);
  console.log(`discord_burst_lost: ${N - exactlyOnce} count`);
  console.log(`discord_burst_out_of_order: ${outOfOrder} count`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
