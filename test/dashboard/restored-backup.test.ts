// A dashboard tab open while the database is restored from an older backup, in a real browser
// against the real `chime start` (harness.ts). The tab's last event id is then beyond the log's
// newest, which the server refuses (400): the tab must not retry that forever, but reload what
// it shows, say events may have been missed, and follow the log from its newest event.
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_CHROMIUM, type RunningChime, chromiumPath, launchBrowser, loggedIn, startChime } from './harness.js';

const ORIGIN = { platform: 'telegram', chatId: '42' };

describe.skipIf(!chromiumPath())(
  `dashboard after a restore from backup in Chromium${chromiumPath() ? '' : ` (skipped: ${NO_CHROMIUM})`}`,
  () => {
    let chime: RunningChime;
    let browser: Browser;

    beforeAll(async () => {
      [chime, browser] = await Promise.all([startChime(), launchBrowser()]);
    }, 90_000);
    afterAll(async () => {
      await browser?.close();
      await chime?.close();
    });

    const create = async (name: string): Promise<void> => {
      const res = await chime.call('/api/v1/jobs', { json: { when: 'every day at 9am', text: name, name, origin: ORIGIN } });
      expect(res.status).toBe(201);
    };
    const newest = async (): Promise<number> => ((await (await chime.call('/api/v1/events?limit=1')).json()) as { newest: number }).newest;
    const SIDE = ['', '-wal', '-shm'];
    const copyDb = (from: string, to: string): void => {
      for (const s of SIDE) {
        rmSync(to + s, { force: true });
        if (existsSync(from + s)) copyFileSync(from + s, to + s);
      }
    };

    it('reloads, says events may have been missed, and shows live events again', async () => {
      await create('kept in the backup');
      await chime.stop();
      const backup = `${chime.db}.backup`;
      copyDb(chime.db, backup);
      await chime.restart();
      const backupNewest = await newest();
      for (const name of ['after the backup 1', 'after the backup 2', 'after the backup 3']) await create(name);

      const context = await loggedIn(browser, chime.loginUrl, { timezoneId: 'Europe/Berlin' });
      const page = await context.newPage();
      await page.goto(`${chime.url}/jobs`);
      const rows = page.locator('.job-row[data-job]');
      await expect.poll(() => rows.count()).toBe(4);
      // One more event the tab sees live, so its Last-Event-ID is the log's newest.
      await create('seen live');
      await expect.poll(() => rows.count()).toBe(5);
      const tabLast = await newest();
      expect(tabLast).toBeGreaterThan(backupNewest);

      await chime.stop();
      copyDb(backup, chime.db);
      await chime.restart();
      expect(await newest()).toBeLessThan(tabLast);

      await expect.poll(() => page.locator('.notice').textContent(), { timeout: 30_000 }).toContain('events may have been missed');
      // The list is the restored database's, not the page's stale one.
      await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('kept in the backup')]);
      // And the stream follows the log again: a job made now appears live.
      await create('made after the restore');
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
      await expect.poll(() => page.locator('.live-banner').textContent()).not.toContain('answered 400');
      await context.close();
    }, 120_000);
  },
);
