// The dashboard's editor and bulk bar in a real browser against the real `chime start`
// (harness.ts): clearing a field clears it, a bulk action by filter names the jobs it skipped,
// two tabs editing one job do not overwrite each other (ETag / If-Match), and the preview of an
// edited "When" shows what Save stores.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wallOf } from '../chat/civil-calendar.js';
import { NO_CHROMIUM, type RunningChime, chromiumPath, launchBrowser, loggedIn, startChime } from './harness.js';

const ORIGIN = { platform: 'telegram', chatId: '42' };

interface ApiJob {
  id: string;
  nextRunAt: string | null;
  name: string;
  status: string;
  payload: { text?: string };
  origin: { platform: string; chatId: string; threadId?: string };
}

describe.skipIf(!chromiumPath())(`dashboard editor and bulk bar in Chromium${chromiumPath() ? '' : ` (skipped: ${NO_CHROMIUM})`}`, () => {
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
  const open = async (path: string): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(chime.url + path);
    return page;
  };

  it('clearing the Name and the Thread id and saving clears them: the name goes back to the reminder text, the thread is gone', async () => {
    const job = await create({ when: 'every day at 8am', text: 'water the plants', name: 'plants', origin: { ...ORIGIN, threadId: '7' } });
    const page = await open(`/jobs/${job.id}/edit`);
    await expect.poll(() => page.getByLabel('Name').inputValue()).toBe('plants');
    expect(await page.getByLabel('Thread id').inputValue()).toBe('7');
    await page.getByLabel('Name').fill('');
    await page.getByLabel('Thread id').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('water the plants');
    const saved = await read(job.id);
    expect(saved.name).toBe('water the plants');
    expect(saved.origin).toEqual(ORIGIN);
    await page.close();
  });

  it('bulk pause of every matching job names the matching jobs it did not take, as a pause of ticked jobs does', async () => {
    const open1 = await create({ when: 'every day at 7am', text: 'gym bag', name: 'gym bag' });
    const done = await create({ when: 'every day at 7pm', text: 'gym shower', name: 'gym shower' });
    expect((await chime.call(`/api/v1/jobs/${done.id}/cancel`, { method: 'POST' })).status).toBe(200);
    const page = await open('/jobs?q=gym');
    await expect.poll(() => page.locator('.job-row[data-job]').count()).toBe(2);
    await page.getByRole('checkbox', { name: 'Every matching job' }).check();
    await page.getByRole('button', { name: 'Pause selected' }).click();
    await expect.poll(() => page.locator('.toast').textContent()).toBe(`Paused 1 job. Not paused: ${done.id} (cancelled).`);
    expect((await read(open1.id)).status).toBe('paused');
    await page.close();
  });

  it('two tabs edit one job: the later save is refused, says what changed, shows the new values and keeps what was typed', async () => {
    const job = await create({ when: 'every day at 6pm', text: 'feed the cat', name: 'cat' });
    const tabA = await open(`/jobs/${job.id}/edit`);
    const tabB = await open(`/jobs/${job.id}/edit`);
    await expect.poll(() => tabA.getByLabel('Name').inputValue()).toBe('cat');
    await expect.poll(() => tabB.getByLabel('Name').inputValue()).toBe('cat');
    // Tab B renames it and saves first.
    await tabB.getByLabel('Name').fill('cat dinner');
    await tabB.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => tabB.locator('h1').textContent()).toBe('cat dinner');
    // Tab A, still showing "cat", changes the text and saves: refused, nothing overwritten.
    await tabA.getByLabel('Reminder text').fill('feed the cat and the fish');
    await tabA.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => tabA.locator('[role="alert"]').textContent()).toContain('This job was changed elsewhere');
    expect(await tabA.locator('[role="alert"] li').allTextContents()).toEqual(['Name is now "cat dinner", shown in the form.']);
    expect(await tabA.getByLabel('Name').inputValue()).toBe('cat dinner');
    expect(await tabA.getByLabel('Reminder text').inputValue()).toBe('feed the cat and the fish');
    expect(await read(job.id)).toMatchObject({ name: 'cat dinner', payload: { text: 'feed the cat' } });
    // Saving again applies tab A's change to the job as it is now: both changes kept.
    await tabA.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => tabA.locator('h1').textContent()).toBe('cat dinner');
    expect(await read(job.id)).toMatchObject({ name: 'cat dinner', payload: { text: 'feed the cat and the fish' } });
    await tabA.close();
    await tabB.close();
  });

  it('the preview of a weekday ("friday") for a 17:00 reminder shows the time Save stores (that day 17:00, not the default 09:00)', async () => {
    // The server runs on the real clock: the weekday two days from now in Berlin is never
    // today's (which would be asked while 17:00 is ahead: today or next week?)
    const day = (wallOf(new Date(), 'Europe/Berlin').wd + 2) % 7;
    const job = await create({ when: 'tomorrow at 5pm', text: 'call the vet', name: 'vet' });
    const page = await open(`/jobs/${job.id}/edit`);
    await expect.poll(() => page.getByLabel('Name').inputValue()).toBe('vet');
    await page.getByLabel('When').fill(['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'][day]!);
    // Each fire's instant is the title of its line in the preview.
    await expect.poll(() => page.locator('#preview ol li').count()).toBeGreaterThan(0);
    const previewed = await page.locator('#preview ol li').first().getAttribute('title');
    const wall = wallOf(new Date(previewed ?? ''), 'Europe/Berlin');
    expect({ weekday: wall.wd, hour: wall.h, minute: wall.mi }).toEqual({ weekday: day, hour: 17, minute: 0 });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('vet');
    expect((await read(job.id)).nextRunAt).toBe(previewed);
    await page.close();
  });
});
