// The dashboard's buttons act on the job as the page shows it (ETag / If-Match), in a real
// browser against the real `chime start` (harness.ts). A page opened before someone changed the
// job elsewhere (in the chat with /edit, another tab, the API) and not redrawn since (its live
// stream cut: a laptop waking from sleep, a proxy dropping it; or the change landing during the
// press) used to pause, resume, cancel the job the person never saw. Now the press changes
// nothing, says so in words, shows the job as it is now, and a second press acts on that.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  NO_CHROMIUM,
  type RunningChime,
  chromiumPath,
  inPage,
  launchBrowser,
  loggedIn,
  pressAcrossLiveUpdate,
  startChime,
} from './harness.js';

const ORIGIN = { platform: 'telegram', chatId: '42' };

interface ApiJob {
  id: string;
  name: string;
  status: string;
  scheduleText: string;
  payload: { text?: string };
}

describe.skipIf(!chromiumPath())(
  `dashboard buttons and the version they showed${chromiumPath() ? '' : ` (skipped: ${NO_CHROMIUM})`}`,
  () => {
    let chime: RunningChime;
    let browser: Browser;
    let context: BrowserContext;

    beforeAll(async () => {
      [chime, browser] = await Promise.all([startChime(), launchBrowser()]);
      context = await loggedIn(browser, chime.loginUrl, { timezoneId: 'Europe/Berlin' });
    }, 90_000);

    afterAll(async () => {
      await browser?.close();
      await chime?.close();
    });

    const create = async (json: Record<string, unknown>): Promise<ApiJob> => {
      const res = await chime.call('/api/v1/jobs', { json: { origin: ORIGIN, zone: 'Europe/Berlin', ...json } });
      expect(res.status).toBe(201);
      return (await res.json()) as ApiJob;
    };
    const read = async (id: string): Promise<ApiJob> => (await (await chime.call(`/api/v1/jobs/${id}`)).json()) as ApiJob;
    /** A change made elsewhere, as the chat's /edit or another client makes it. */
    const changeElsewhere = async (id: string, json: Record<string, unknown>): Promise<ApiJob> => {
      const res = await chime.call(`/api/v1/jobs/${id}`, { method: 'PATCH', json });
      expect(res.status).toBe(200);
      return (await res.json()) as ApiJob;
    };
    /** A page whose live stream never gets through: it shows what it read when it opened, and no later change. */
    const openCut = async (path: string): Promise<Page> => {
      const page = await context.newPage();
      await page.route('**/api/v1/events/stream', (route) => route.abort());
      await page.goto(chime.url + path);
      return page;
    };
    const conflict = (page: Page) => page.locator('.conflict');
    /** What the page says about a refused press ('' while it says nothing; never waits for it to appear). */
    const conflictText = async (page: Page): Promise<string> => (await conflict(page).allTextContents()).join('\n');

    it('job page: Pause, Resume and Cancel after a change elsewhere change nothing, say so and show the job as it is; the second press acts', async () => {
      const job = await create({ when: 'every day at 9am', text: 'call mum', name: 'call mum' });
      const page = await openCut(`/jobs/${job.id}`);
      const badge = () => page.locator('.title-row .badge').textContent();
      const payload = () => page.locator('pre.payload').textContent();
      await expect.poll(payload).toContain('call mum');

      // 10:05, in the chat: /edit to another text and time. The page still shows "call mum" at 09:00.
      const edited = await changeElsewhere(job.id, { text: 'call dad', when: 'every day at 10am' });
      expect(await payload()).toContain('call mum');
      await page.getByRole('button', { name: 'Pause call mum' }).click();
      await expect.poll(() => conflictText(page)).toContain('was not paused');
      const said = await conflictText(page);
      expect(said).toContain('changed elsewhere');
      expect(said).toContain('Text is now "call dad"');
      expect(said).toContain(`Schedule is now "${edited.scheduleText}"`);
      expect((await read(job.id)).status).toBe('active');
      // The page now shows the job as it is, so a second press acts on what the person sees.
      await expect.poll(payload).toContain('call dad');
      await page.getByRole('button', { name: 'Pause call mum' }).click();
      await expect.poll(badge).toBe('paused');
      expect((await read(job.id)).status).toBe('paused');
      expect(await conflict(page).count()).toBe(0);

      // Renamed elsewhere while paused: Resume is refused, then resumes what the page now shows.
      await changeElsewhere(job.id, { name: 'call mum and dad' });
      await page.getByRole('button', { name: 'Resume call mum' }).click();
      await expect.poll(() => conflictText(page)).toContain('was not resumed');
      expect(await conflictText(page)).toContain('Name is now "call mum and dad"');
      expect((await read(job.id)).status).toBe('paused');
      await page.getByRole('button', { name: 'Resume call mum and dad' }).click();
      await expect.poll(badge).toBe('active');
      expect((await read(job.id)).status).toBe('active');

      // Cancel (asked first, and accepted) after another edit: refused; accepted again, it ends the job.
      await changeElsewhere(job.id, { text: 'call granny' });
      page.on('dialog', (d) => void d.accept());
      await page.getByRole('button', { name: 'Cancel call mum and dad' }).click();
      await expect.poll(() => conflictText(page)).toContain('was not cancelled');
      expect(await conflictText(page)).toContain('Text is now "call granny"');
      expect((await read(job.id)).status).toBe('active');
      await expect.poll(payload).toContain('call granny');
      await page.getByRole('button', { name: 'Cancel call mum and dad' }).click();
      await expect.poll(badge).toBe('cancelled');
      expect((await read(job.id)).status).toBe('cancelled');
      await page.close();
    }, 60_000);

    it("a row's Pause in the list after a rename elsewhere changes nothing, says so and redraws the row; the second press pauses", async () => {
      const job = await create({ when: 'every day at 7am', text: 'water the ferns', name: 'ferns' });
      const page = await openCut('/jobs?q=ferns');
      const row = page.locator(`.job-row[data-job="${job.id}"]`);
      await expect.poll(() => row.count()).toBe(1);
      await changeElsewhere(job.id, { name: 'ferns and palms' });
      await page.getByRole('button', { name: 'Pause ferns' }).click();
      await expect.poll(() => page.locator('.toast').textContent()).toContain('was not paused');
      expect(await page.locator('.toast').textContent()).toContain('Name is now "ferns and palms"');
      expect((await read(job.id)).status).toBe('active');
      await expect.poll(() => row.locator('.job-name').textContent()).toBe('ferns and palms');
      expect(await row.getAttribute('data-status')).toBe('active');
      await page.getByRole('button', { name: 'Pause ferns and palms' }).click();
      await expect.poll(() => row.getAttribute('data-status')).toBe('paused');
      expect((await read(job.id)).status).toBe('paused');
      await page.close();
    });

    it('Cancel selected leaves a ticked job that changed elsewhere since the list showed it, and names it', async () => {
      const kept = await create({ when: 'every day at 8pm', text: 'bins out', name: 'chores bins' });
      const ended = await create({ when: 'every day at 9pm', text: 'dishes', name: 'chores dishes' });
      const page = await openCut('/jobs?q=chores');
      await expect.poll(() => page.locator('.job-row[data-job]').count()).toBe(2);
      await page.getByRole('checkbox', { name: 'Select chores bins' }).check();
      await page.getByRole('checkbox', { name: 'Select chores dishes' }).check();
      await changeElsewhere(kept.id, { text: 'bins out, and the recycling' });
      page.once('dialog', (d) => void d.accept());
      await page.getByRole('button', { name: 'Cancel selected' }).click();
      await expect.poll(() => page.locator('.toast').textContent()).toContain('Cancelled 1 of 2 jobs.');
      expect(await page.locator('.toast').textContent()).toContain(
        `changed elsewhere since the list showed them: "chores bins" (${kept.id})`,
      );
      expect((await read(kept.id)).status).toBe('active');
      expect((await read(ended.id)).status).toBe('cancelled');
      await page.close();
    });

    it("the editor's Save after a change elsewhere saves nothing and shows the new values; Save again applies", async () => {
      const job = await create({ when: 'every day at 6pm', text: 'feed the dog', name: 'dog' });
      const page = await openCut(`/jobs/${job.id}/edit`);
      await expect.poll(() => page.getByLabel('Reminder text').inputValue()).toBe('feed the dog');
      await changeElsewhere(job.id, { text: 'walk the dog' });
      await page.getByLabel('Name').fill('dog evening');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await expect.poll(() => conflictText(page)).toContain('This job was changed elsewhere');
      expect(await page.getByLabel('Reminder text').inputValue()).toBe('walk the dog');
      expect(await read(job.id)).toMatchObject({ name: 'dog', payload: { text: 'walk the dog' } });
      await page.getByRole('button', { name: 'Save changes' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('dog evening');
      expect(await read(job.id)).toMatchObject({ name: 'dog evening', payload: { text: 'walk the dog' } });
      await page.close();
    });

    it('a change elsewhere that lands while Pause is held down (live stream on) is not paused unseen: refused, shown, then paused', async () => {
      const job = await create({ when: 'every day at 11am', text: 'stretch', name: 'stretch' });
      const page = await context.newPage();
      await page.goto(`${chime.url}/jobs/${job.id}`);
      const badge = () => page.locator('.title-row .badge').textContent();
      await expect.poll(badge).toBe('active');
      await expect.poll(() => inPage(page, 'document.body.dataset.live')).toBe('open');
      await pressAcrossLiveUpdate(page, page.getByRole('button', { name: 'Pause stretch' }), job.id, () =>
        chime.call(`/api/v1/jobs/${job.id}`, { method: 'PATCH', json: { text: 'stretch your back' } }),
      );
      await expect.poll(() => conflictText(page)).toContain('was not paused');
      expect((await read(job.id)).status).toBe('active');
      await expect.poll(() => page.locator('pre.payload').textContent()).toContain('stretch your back');
      await page.getByRole('button', { name: 'Pause stretch' }).click();
      await expect.poll(badge).toBe('paused');
      expect((await read(job.id)).status).toBe('paused');
      await page.close();
    }, 40_000);
  },
);
