import { describe, expect, it } from 'vitest';
import { PAGE_CHARS, pageOf, readPageArg } from '../../src/chat/paging.js';
import { ALICE_DM, ALICE_GROUP, makeChat } from './harness.js';

/** Walks "/cmd page n" from the first page by following each footer; returns every page. */
async function walk(say: (text: string) => Promise<string>, first: string): Promise<string[]> {
  const pages = [await say(first)];
  for (;;) {
    const next = / · next: (\/\S+(?: \S+)* page \d+)$/m.exec(pages.at(-1)!)?.[1];
    if (!next) return pages;
    pages.push(await say(next));
    if (pages.length > 500) throw new Error('no end');
  }
}

describe('long answers come in pages that each fit one message, and every line is reachable', () => {
  it('/recall with many long notes: pages of at most one message, in order, none lost', async () => {
    const t = makeChat();
    const notes = Array.from({ length: 60 }, (_, i) => `note ${i + 1}: ${'lorem ipsum dolor sit amet '.repeat(6).trim()}`);
    for (const n of notes) await t.say(ALICE_DM, `/remember ${n}`);
    const pages = await walk((text) => t.sayText(ALICE_DM, text), '/recall');
    expect(pages.length).toBeGreaterThan(2);
    for (const [i, p] of pages.entries()) {
      expect(p.length).toBeLessThanOrEqual(PAGE_CHARS);
      expect(p.startsWith('Your notes:\n')).toBe(true);
      expect(p).toContain(`— Page ${i + 1} of ${pages.length}`);
    }
    const shown = pages.flatMap((p) => p.split('\n').filter((l) => /^\d+\. /.test(l)));
    expect(shown).toEqual(notes.map((n, i) => `${i + 1}. ${n}`));
    expect(pages.at(-1)).not.toContain('next:');
    expect(await t.sayText(ALICE_DM, `/recall page ${pages.length + 1}`)).toContain(`There are only ${pages.length} pages.`);
    expect(await t.sayText(ALICE_DM, '/recall 2')).toBe(pages[1]);
  });

  it('a note longer than a page is shown whole, continued over pages', async () => {
    const t = makeChat();
    const long = Array.from({ length: 300 }, (_, i) => `w${i}`).join(' ');
    await t.say(ALICE_DM, `/remember ${long}`);
    await t.say(ALICE_DM, '/remember short one');
    const pages = await walk((text) => t.sayText(ALICE_DM, text), '/recall');
    const body = pages
      .map((p) =>
        p
          .split('\n')
          .slice(1)
          .filter((l) => !l.startsWith('— Page'))
          .map((l) => l.replace(/^… /, ''))
          .join(''),
      )
      .join('');
    expect(body).toBe(`1. ${long}2. short one`);
  });

  it('/list in a group with many reminders pages through all of them', async () => {
    const t = makeChat({ quotas: { maxRemindersPerUser: 200 } });
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) ids.push(await t.create(ALICE_GROUP, `/remind in ${i + 1} hours check item number ${i}`));
    const pages = await walk((text) => t.sayText(ALICE_GROUP, text), '/list');
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) expect(p.length).toBeLessThanOrEqual(PAGE_CHARS);
    const joined = pages.join('\n');
    for (const id of ids) expect(joined).toContain(id);
  });

  it('/list all pages live and finished reminders alike, its footer keeping "all"', async () => {
    const t = makeChat({ quotas: { maxRemindersPerUser: 200 } });
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push(await t.create(ALICE_DM, `/remind in ${i + 1} hours water the plants on shelf ${i}`));
    for (const id of ids.slice(0, 30)) await t.say(ALICE_DM, `/cancel ${id}`);
    const pages = await walk((text) => t.sayText(ALICE_DM, text), '/list all');
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]).toMatch(/ · next: \/list all page 2$/m);
    const joined = pages.join('\n');
    for (const id of ids) expect(joined).toContain(id);
    expect(joined).toContain('Finished or cancelled in the last 30 days (30):');
  });

  it('short answers look as before: no footer', async () => {
    const t = makeChat();
    await t.say(ALICE_DM, '/remember one');
    expect(await t.sayText(ALICE_DM, '/recall')).toBe('Your notes:\n1. one');
  });
});

describe('page helpers', () => {
  it('readPageArg finds "page n" anywhere, bare numbers only when allowed', () => {
    expect(readPageArg('page 3')).toEqual({ page: 3, rest: '' });
    expect(readPageArg('k7m2qd page 2')).toEqual({ page: 2, rest: 'k7m2qd' });
    expect(readPageArg('k7m2qd')).toEqual({ page: 1, rest: 'k7m2qd' });
    expect(readPageArg('4', { bare: true })).toEqual({ page: 4, rest: '' });
    expect(readPageArg('4')).toEqual({ page: 1, rest: '4' });
  });

  it('pageOf keeps every page within PAGE_CHARS', () => {
    const lines = Array.from({ length: 500 }, (_, i) => `${i} ${'x'.repeat(i % 97)}`);
    for (let n = 1; ; n++) {
      const text = pageOf('Head:', lines, n, (k) => `/x page ${k}`);
      expect(text.length).toBeLessThanOrEqual(PAGE_CHARS);
      if (!text.includes('next:')) break;
    }
  });
});
