/**
 * A chat that rate-limits hard, end to end: Chime (createApp, Telegram adapter over HTTP) against
 * the fake Bot API, on a fake clock. Thirty reminders fall due together in one chat, and the
 * chat answers each message twelve times "429 retry after 6" and then once "500" before
 * accepting it. A rate limit is a wait, not a failed send: every reminder must arrive, in order,
 * its job completed, with the backoff of the one real failure at its first step.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramAdapter } from '../../adapters/telegram/index.js';
import { type App, createApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { FakeBotApi } from '../emulators/telegram/fake-bot-api.js';

const CHAT = 501;
const REMINDERS = 30;

describe('Telegram chat answering 429 (retry after 6 s) twelve times and then 500, per message', () => {
  let api: FakeBotApi;
  let dir: string;
  let clock: ManualClock;
  let app: App;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chime-tg-429-'));
    api = await new FakeBotApi().start();
    api.addChat({ id: CHAT, type: 'private' });
    clock = new ManualClock('2026-11-22T10:00:00Z');
    const config = loadConfig({ CHIME_DB: join(dir, 'chime.db'), LOG_LEVEL: 'silent' });
    // Chime's own throttle is opened up so the test is quick in real time; the chat's answers decide.
    const adapter = createTelegramAdapter({
      token: api.token,
      apiRoot: api.apiRoot,
      rateLimits: { perChatIntervalMs: 1, globalPerSecond: 1000 },
    });
    app = createApp({ config, clock, logger: silentLogger(), adapters: [adapter] });
  });

  afterEach(async () => {
    await app.stop();
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers 30 of 30 in order; only the 500 counts as a failed attempt and its backoff stays 2 s', async () => {
    /** Fake-clock instants of every sendMessage call, per reminder text. */
    const tries = new Map<string, number[]>();
    api.failWhen((method, params) => {
      if (method !== 'sendMessage') return undefined;
      const text = String(params.text);
      const times = tries.get(text) ?? [];
      times.push(clock.now().getTime());
      tries.set(text, times);
      if (times.length <= 12) return { status: 429, description: 'Too Many Requests: retry after 6', retryAfter: 6 };
      if (times.length === 13) return { status: 500, description: 'Internal Server Error' };
      return undefined;
    });
    const due = new Date('2026-11-22T10:01:00Z');
    for (let i = 0; i < REMINDERS; i++) {
      await app.scheduler.createJob({
        kind: 'reminder',
        payload: { text: `pill ${String(i).padStart(2, '0')}` },
        owner: { platform: 'telegram', userId: String(CHAT) },
        origin: { platform: 'telegram', chatId: String(CHAT), chatType: 'private' },
        schedule: { kind: 'once', at: due },
        timeZone: 'UTC',
      });
    }
    await app.start();
    await clock.set(due);

    // Move the fake clock from one due message to the next once the real HTTP round trips are done.
    for (let i = 0; i < 2_000 && api.sentTo(CHAT).length < REMINDERS; i++) {
      await new Promise((r) => setTimeout(r, 2));
      await app.dispatcher.settled();
      const next = await app.store.jobs.nextOutboxAt();
      const now = clock.now().getTime();
      await clock.set(next && next.getTime() > now ? next : new Date(now + 100));
    }

    const texts = api.sentTo(CHAT).map((m) => /pill \d\d/.exec(m.text)?.[0]);
    expect(texts).toEqual(Array.from({ length: REMINDERS }, (_, i) => `pill ${String(i).padStart(2, '0')}`));
    const rows = await app.store.jobs.listOutbox({});
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(Array(REMINDERS).fill(['sent', 1]));
    const jobs = await app.store.jobs.listJobs({});
    expect(jobs.map((j) => j.status)).toEqual(Array(REMINDERS).fill('completed'));
    expect(api.tooManyRequests).toBe(12 * REMINDERS);
    // The wait after each message's 500 (to its next try) is the first backoff step, 2 s.
    const afterFailure = [...tries.values()].map((t) => t[13]! - t[12]!);
    expect(Math.max(...afterFailure)).toBeLessThanOrEqual(2_000 + 100);
    expect(Math.min(...afterFailure)).toBeGreaterThanOrEqual(2_000);
  }, 60_000);
});
