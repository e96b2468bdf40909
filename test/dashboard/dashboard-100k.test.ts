// The jobs list with 100,000 jobs (written through the store, as a long-running instance would
// hold them): the list knows its full length at once, keeps only the rows in view in the page,
// and reaches rows far down, and at the very end, without loading everything before them.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedJobs, seededName } from '../../bench/_dashboard-seed.js';
import {
  NO_CHROMIUM,
  ROW_HEIGHT,
  type RunningChime,
  artifact,
  chromiumPath,
  inPage,
  launchBrowser,
  loggedIn,
  startChime,
} from './harness.js';

const COUNT = 100_000;

describe.skipIf(!chromiumPath())(
  `dashboard with ${COUNT.toLocaleString('en')} jobs${chromiumPath() ? '' : ` (skipped: ${NO_CHROMIUM})`}`,
  () => {
    let chime: RunningChime;
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      [chime, browser] = await Promise.all([startChime({ seed: (db) => seedJobs(db, COUNT) }), launchBrowser()]);
      const context = await loggedIn(browser, chime.loginUrl);
      page = await context.newPage();
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await chime?.close();
    });

    const scrollToRow = (index: number) => inPage(page, `document.querySelector('.vlist').scrollTop = ${index} * ${ROW_HEIGHT}`);
    const drawnRows = () => page.locator('.vlist-row').count();
    const row = (i: number) => page.locator('.job-name', { hasText: new RegExp(`^${seededName(i)}$`) });

    it('shows the first rows and the full count, with a few dozen rows in the page', async () => {
      await page.goto(`${chime.url}/jobs`);
      await row(0).waitFor();
      await expect.poll(() => page.locator('.list-count').textContent(), { timeout: 20_000 }).toMatch(/^100,000 jobs/);
      expect(await drawnRows()).toBeLessThan(60);
      // The scroll bar is as long as all 100,000 rows.
      const [scrollHeight, rowHeight] = await inPage<number[]>(page, `[document.querySelector('.vlist').scrollHeight, ${ROW_HEIGHT}]`);
      expect(scrollHeight).toBe(COUNT * rowHeight!);
    });

    it('scrolling down loads the rows reached, in order, and keeps the page small', async () => {
      await scrollToRow(2_000);
      await row(2_000).waitFor({ timeout: 30_000 });
      await expect.poll(() => row(2_005).count()).toBe(1);
      expect(await drawnRows()).toBeLessThan(60);
      await page.screenshot({ path: artifact('jobs-100k-row-2000.png') });
    });

    it('jumping to the end shows the last jobs at once (loaded from the end), not after every page before them', async () => {
      await scrollToRow(COUNT - 1);
      await row(COUNT - 1).waitFor({ timeout: 20_000 });
      await expect.poll(() => row(COUNT - 5).count()).toBe(1);
      const loaded = await page.locator('.list-count').textContent();
      // Loaded: the start up to row ~2,000 and a page or two at the end, far from all 100,000.
      expect(Number(/loaded ([\d,]+)/.exec(loaded ?? '')?.[1]?.replace(/,/g, ''))).toBeLessThan(5_000);
      expect(await drawnRows()).toBeLessThan(60);
      await page.screenshot({ path: artifact('jobs-100k-end.png') });
    });

    it('the arrow keys move on from row to row far down the list', async () => {
      await row(COUNT - 10).focus();
      await page.keyboard.press('ArrowDown');
      expect(await inPage(page, 'document.activeElement?.textContent')).toBe(seededName(COUNT - 9));
    });

    it('filtered by status and kind the total is still known at once (from the job counts)', async () => {
      await page.goto(`${chime.url}/jobs?status=active&kind=reminder`);
      await row(0).waitFor();
      await expect.poll(() => page.locator('.list-count').textContent(), { timeout: 20_000 }).toMatch(/^100,000 jobs/);
      await page.goto(`${chime.url}/jobs?status=paused`);
      await expect.poll(() => page.locator('.list-count').textContent(), { timeout: 20_000 }).toBe('0 jobs');
      expect(await page.locator('.empty').textContent()).toBe('No job matches these filters.');
    });
  },
);
