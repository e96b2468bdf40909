/**
 * The jobs list: every filter, sorting both ways, cursor pagination that neither repeats nor
 * skips a job when jobs are added between pages, and a cursor of another sort refused; on
 * SQLite and PostgreSQL (the store filters, sorts and pages).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePg } from '../store/pg-harness.js';
import { type ApiFixture, ORIGIN, startFixture } from './api-harness.js';

let f: ApiFixture;
type J = { id: string; name: string; kind: string; status: string; recurring: boolean };

const names = async (path: string): Promise<string[]> => {
  const res = await f.call(path);
  expect(res.status, path).toBe(200);
  return ((await res.json()) as { jobs: J[] }).jobs.map((j) => j.name);
};

function listSuite(backend: 'sqlite' | 'postgres') {
  beforeAll(async () => {
    f = await startFixture({ backend });
    const make = async (body: Record<string, unknown>) => {
      const res = await f.call('/api/v1/jobs', { method: 'POST', json: { origin: ORIGIN, ...body } });
      expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
      f.clock.advance(1000);
      return (await res.json()) as J;
    };
    await make({ name: 'daily standup', when: 'every day at 9am', text: 'standup' });
    await make({ name: 'dentist', when: 'tomorrow at 3pm', text: 'Dentist appointment' });
    await make({ name: 'backup', schedule: 'cron:0 2 * * *', command: '/list', workflowId: 'ops' });
    const paused = await make({
      name: 'weekly report',
      when: 'every friday at 5pm',
      text: 'report',
      origin: { platform: 'discord', chatId: '777' },
    });
    await f.call(`/api/v1/jobs/${paused.id}/pause`, { method: 'POST' });
    await make({ name: 'manual thing', schedule: 'manual', text: 'by hand' });
  });
  afterAll(async () => {
    await f.close();
  });

  describe('filters', () => {
    it('status (one or several), kind, platform, chat, owner, workflow, recurring, text', async () => {
      expect(await names('/api/v1/jobs?status=paused')).toEqual(['weekly report']);
      expect((await names('/api/v1/jobs?status=active,paused')).length).toBe(5);
      expect(await names('/api/v1/jobs?kind=command')).toEqual(['backup']);
      expect(await names('/api/v1/jobs?platform=discord')).toEqual(['weekly report']);
      expect(await names('/api/v1/jobs?chat=discord:777')).toEqual(['weekly report']);
      expect((await names('/api/v1/jobs?chat=42')).length).toBe(4);
      expect((await names('/api/v1/jobs?owner=api:api-token')).length).toBe(5);
      expect(await names('/api/v1/jobs?owner=someone-else')).toEqual([]);
      expect(await names('/api/v1/jobs?workflow=ops')).toEqual(['backup']);
      expect(await names('/api/v1/jobs?recurring=false')).toEqual(['dentist', 'manual thing']);
      expect((await names('/api/v1/jobs?recurring=true')).length).toBe(3);
      expect(await names('/api/v1/jobs?q=DENTIST%20app')).toEqual(['dentist']);
      expect(await names('/api/v1/jobs?q=%2Flist')).toEqual(['backup']);
      expect(await names('/api/v1/jobs?recurring=true&status=active&kind=reminder')).toEqual(['daily standup']);
    });

    it('bad filter values are 400 naming the parameter', async () => {
      for (const q of ['status=sleeping', 'recurring=yes', 'limit=abc', 'chat=telegram:1&platform=discord', 'colour=red']) {
        const res = await f.call(`/api/v1/jobs?${q}`);
        expect(res.status, q).toBe(400);
      }
    });
  });

  describe('sorting and pages', () => {
    it('sorts by created (default), name, next run, both directions; nothing due last', async () => {
      expect(await names('/api/v1/jobs')).toEqual(['daily standup', 'dentist', 'backup', 'weekly report', 'manual thing']);
      expect(await names('/api/v1/jobs?sort=-created')).toEqual(['manual thing', 'weekly report', 'backup', 'dentist', 'daily standup']);
      expect(await names('/api/v1/jobs?sort=name')).toEqual(['backup', 'daily standup', 'dentist', 'manual thing', 'weekly report']);
      const byNext = await names('/api/v1/jobs?sort=next_run');
      expect(byNext.slice(0, 3)).toEqual(['backup', 'daily standup', 'dentist']);
      expect(byNext.slice(3).sort()).toEqual(['manual thing', 'weekly report']);
    });

    it('pages with a cursor: every job once, and one added meanwhile does not shift the pages', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const res = await f.call(`/api/v1/jobs?sort=name&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        const body = (await res.json()) as { jobs: J[]; next?: string };
        seen.push(...body.jobs.map((j) => j.name));
        cursor = body.next;
        if (pages === 0) {
          // "a…" sorts before the cursor: it must not appear on later pages nor push one out.
          await f.call('/api/v1/jobs', { method: 'POST', json: { name: 'aardvark', schedule: 'manual', text: 'a', origin: ORIGIN } });
        }
        pages++;
      } while (cursor !== undefined);
      expect(seen).toEqual(['backup', 'daily standup', 'dentist', 'manual thing', 'weekly report']);
      expect(pages).toBe(3);
      const id = ((await (await f.call('/api/v1/jobs?q=aardvark')).json()) as { jobs: J[] }).jobs[0]!.id;
      await f.call(`/api/v1/jobs/${id}`, { method: 'DELETE' });
    });

    it('the default order pages on the store keyset: every job once, a job added meanwhile comes last, no empty last page', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const body = (await (await f.call(`/api/v1/jobs?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json()) as {
          jobs: J[];
          next?: string;
        };
        expect(body.jobs.length).toBeGreaterThan(0);
        seen.push(...body.jobs.map((j) => j.name));
        cursor = body.next;
        if (pages === 0)
          await f.call('/api/v1/jobs', { method: 'POST', json: { name: 'latecomer', schedule: 'manual', text: 'a', origin: ORIGIN } });
        pages++;
      } while (cursor !== undefined);
      expect(seen).toEqual(['daily standup', 'dentist', 'backup', 'weekly report', 'manual thing', 'latecomer']);
      expect(pages).toBe(3);
      const first = (await (await f.call('/api/v1/jobs?limit=2')).json()) as { next: string };
      expect((await f.call(`/api/v1/jobs?limit=2&q=a&cursor=${first.next}`)).status).toBe(400);
      const filtered = (await (await f.call('/api/v1/jobs?limit=1&q=e')).json()) as { next: string };
      expect((await f.call(`/api/v1/jobs?limit=1&cursor=${filtered.next}`)).status).toBe(400);
      const id = ((await (await f.call('/api/v1/jobs?q=latecomer')).json()) as { jobs: J[] }).jobs[0]!.id;
      await f.call(`/api/v1/jobs/${id}`, { method: 'DELETE' });
    });

    it('a cursor from another sort, or garbage, is refused', async () => {
      const first = (await (await f.call('/api/v1/jobs?sort=name&limit=1')).json()) as { next: string };
      const res = await f.call(`/api/v1/jobs?sort=-name&cursor=${first.next}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: Array<{ field: string }> }).errors[0]?.field).toBe('query.cursor');
      expect((await f.call('/api/v1/jobs?cursor=bm9wZQ')).status).toBe(400);
    });
  });
}

describe('jobs list on SQLite', () => listSuite('sqlite'));
describePg('jobs list on PostgreSQL', () => listSuite('postgres'));
