// The dashboard says a schedule and a next run the way the chat does, in a real browser against
// the real `chime start` (harness.ts): each row words its rule as /list does ("on the last Friday
// of every month at 09:00, Europe/Berlin", not `cron:0 9 * * 5#L`), with the spec on hover and
// on the job's page; and a relative time reads as the chat's ("in 21 days" for 21 days 17
// hours, never rounded up to "22 d"). The browser's clock is set to instants worked out from the
// calendar (UTC offsets checked with Intl), so the expected words do not come from Chime.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_CHROMIUM, type RunningChime, chromiumPath, launchBrowser, loggedIn, startChime } from './harness.js';

const ORIGIN = { platform: 'telegram', chatId: '42' };
const ZONE = 'Europe/Berlin';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** `YYYY-MM-DD HH:mm` of an instant on Berlin's wall clock, by Intl (sv-SE writes ISO order). */
const berlinWall = (ms: number): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, dateStyle: 'short', timeStyle: 'short' }).format(new Date(ms));

// Rules as the chat's /list words them (the cases of test/core/schedule-words.test.ts say the same).
const RULES = [
  { name: 'month end review', schedule: 'cron:0 9 * * 5#L', words: 'on the last Friday of every month at 09:00, Europe/Berlin' },
  { name: 'office hours ping', schedule: 'cron:0 9-17 * * *', words: 'every hour from 09:00 to 17:00, Europe/Berlin' },
  // Counted from 10:15 (an instant the spec names), so the minute is said; the spec reads back
  // with that instant in the job's zone.
  { name: 'stretch', schedule: 'every:2h@2026-11-22T10:15:00+01:00', words: 'every 2 hours at :15', spec: /^every:2h@2026-11-22T10:15/ },
];

// One-off jobs at 09:00 Berlin: 1 Mar 2027 (winter, UTC+1) and 28 Mar 2027, the day clocks go
// forward at 02:00 (UTC+2 from then on).
const MARCH_1 = Date.UTC(2027, 2, 1, 8);
const MARCH_28 = Date.UTC(2027, 2, 28, 7);

describe.skipIf(!chromiumPath())(
  `the dashboard words schedules and times as the chat does${chromiumPath() ? '' : ` (skipped: ${NO_CHROMIUM})`}`,
  () => {
    let chime: RunningChime;
    let browser: Browser;
    let context: BrowserContext;
    const ids: Record<string, string> = {};

    const create = async (name: string, schedule: string): Promise<void> => {
      const res = await chime.call('/api/v1/jobs', { json: { name, text: name, schedule, origin: ORIGIN, zone: ZONE } });
      expect(res.status, await res.clone().text()).toBe(201);
      ids[name] = ((await res.json()) as { id: string }).id;
    };

    beforeAll(async () => {
      [chime, browser] = await Promise.all([startChime(), launchBrowser()]);
      for (const r of RULES) await create(r.name, r.schedule);
      await create('march review', 'at:2027-03-01T09:00');
      await create('clocks change', 'at:2027-03-28T09:00');
      context = await loggedIn(browser, chime.loginUrl, { timezoneId: ZONE });
    }, 90_000);

    afterAll(async () => {
      await browser?.close();
      await chime?.close();
    });

    /** The jobs list as the browser shows it when its clock reads `nowMs` (real time when undefined). */
    const list = async (nowMs?: number): Promise<Page> => {
      const page = await context.newPage();
      if (nowMs !== undefined) await page.clock.setFixedTime(new Date(nowMs));
      await page.goto(`${chime.url}/jobs`);
      await expect.poll(() => page.locator('.job-row[data-job]').count()).toBe(5);
      return page;
    };
    const nextOf = (page: Page, name: string) => page.locator(`.job-row[data-job="${ids[name]}"] .next strong`).textContent();

    it('each row says its rule in the words of /list, with the spec kept on hover', async () => {
      const page = await list();
      for (const r of RULES) {
        const spec = page.locator(`.job-row[data-job="${ids[r.name]}"] .spec`);
        expect(await spec.textContent()).toBe(`${r.words} · reminder`);
        const title = await spec.getAttribute('title');
        if (r.spec) expect(title).toMatch(r.spec);
        else expect(title).toBe(r.schedule);
      }
      await page.close();
    });

    it("a job's page says its rule in words and as the spec", async () => {
      const page = await context.newPage();
      await page.goto(`${chime.url}/jobs/${ids['month end review']}`);
      const facts = page.locator('dl.facts');
      await facts.waitFor();
      const text = await facts.textContent();
      expect(text).toContain('on the last Friday of every month at 09:00, Europe/Berlin');
      expect(await facts.locator('code').first().textContent()).toBe('cron:0 9 * * 5#L');
      await page.close();
    });

    it.each([
      // 31 Jan to 1 Mar: February 2027 has 28 days, so 29 whole days.
      ['the end of January to the first of March', Date.UTC(2027, 0, 31, 8), '2027-01-31 09:00', 'march review', 'in 29 days'],
      // 21 days 17 hours: whole days, counted down as the chat does (the dashboard said "in 22 d").
      ['21 days 17 hours before', MARCH_1 - 21 * DAY - 17 * HOUR, '2027-02-07 16:00', 'march review', 'in 21 days'],
      // A minute short of a day is not a day yet (the dashboard said "in 24 h").
      ['just under a day before', MARCH_1 - DAY + 60_000, '2027-02-28 09:01', 'march review', 'in 23 hours 59 minutes'],
      ['five minutes after', MARCH_1 + 5 * 60_000, '2027-03-01 09:05', 'march review', '5 minutes ago'],
      // Saturday 09:00 to Sunday 09:00 over spring-forward: 23 hours pass, not a day.
      ['the day before clocks go forward', Date.UTC(2027, 2, 27, 8), '2027-03-27 09:00', 'clocks change', 'in 23 hours'],
    ])('next run seen %s reads as the chat says it', async (_case, nowMs, wall, name, words) => {
      expect(berlinWall(nowMs)).toBe(wall);
      expect(berlinWall(name === 'march review' ? MARCH_1 : MARCH_28)).toBe(
        name === 'march review' ? '2027-03-01 09:00' : '2027-03-28 09:00',
      );
      const page = await list(nowMs);
      expect(await nextOf(page, name)).toBe(words);
      await page.close();
    });
  },
);
