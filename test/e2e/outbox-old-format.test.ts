import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramAdapter } from '../../adapters/telegram/index.js';
import { type App, createApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { FakeBotApi } from '../emulators/telegram/fake-bot-api.js';

/**
 * Messages queued before an upgrade stay in users' databases in the earlier shape: the text
 * "⏰ Sam: stretch" with `meta.mentions` and `meta.quote`. After the upgrade they must still
 * go out as they would have: the owner pinged, the quote replied to, the buttons kept.
 */
describe('an outbox row written by an earlier version', () => {
  let dir: string;
  let api: FakeBotApi;
  let app: App | undefined;
  const clock = new ManualClock('2026-11-22T10:00:00Z');

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chime-old-outbox-'));
    api = await new FakeBotApi().start();
    api.addChat({ id: -4001, type: 'group', title: 'Friends' });
  });
  afterEach(async () => {
    await app?.stop();
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is delivered after the upgrade with its mention, quote and buttons', async () => {
    const path = join(dir, 'chime.db');
    // The row exactly as the earlier version's INSERT stored it (columns and JSON as they were).
    const old = openSqliteStore(path, { clock });
    old.db
      .prepare(
        `INSERT INTO outbox (key, job_id, platform, chat_id, thread_id, reply_to, text, actions, meta, status, attempts, available_at, created_at)
         VALUES (?, NULL, 'telegram', '-4001', NULL, NULL, ?, ?, ?, 'pending', 0, ?, ?)`,
      )
      .run(
        '2026-11-22T09:59:00.000Z:k7m2qd:success',
        '⏰ Sam Lee: stretch',
        JSON.stringify([[{ id: 'done:k7m2qd', label: 'Done' }]]),
        JSON.stringify({ mentions: ['501'], quote: { messageId: '77', text: 'the plan' } }),
        clock.now().getTime(),
        clock.now().getTime(),
      );
    old.close();

    const config = loadConfig({ CHIME_DB: path, LOG_LEVEL: 'silent', TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot });
    const adapter = createTelegramAdapter({ token: api.token, apiRoot: api.apiRoot, rateLimits: { perChatIntervalMs: 20 } });
    app = createApp({ config, clock, logger: silentLogger(), adapters: [adapter] });
    await app.start();
    await api.until(() => api.sent.length === 1, 8000, 'the old row');

    const [sent] = api.sent;
    expect(sent!.text).toBe('⏰ Sam Lee: stretch\n\n“the plan”');
    expect(sent!.entities).toEqual([
      { type: 'text_mention', offset: 2, length: 7, user: { id: 501, is_bot: false, first_name: 'Sam Lee' } },
    ]);
    expect(sent!.reply_parameters).toEqual({ message_id: 77, allow_sending_without_reply: true });
    expect(sent!.reply_markup?.inline_keyboard).toEqual([[{ text: 'Done', callback_data: 'done:k7m2qd' }]]);
    // Marked sent once the send has returned, a moment after the Bot API saw it.
    const deadline = Date.now() + 8000;
    while ((await app.store.jobs.listOutbox({ status: 'sent' })).length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    const [row] = await app.store.jobs.listOutbox({});
    expect(row).toMatchObject({ status: 'sent', sentRef: String(sent!.message_id) });
  });
});
