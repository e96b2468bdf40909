// The dashboard's pure rules, without a browser: filters to and from the address (a shared link
// opens the same view), which filters the bulk routes and the job counts can answer, the retry
// backoff, and what a press refused because the job changed elsewhere says. Relative times are
// the chat's rule (test/shared/span-words.test.ts).
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/dashboard/backoff.js';
import { bulkBody, countableByStats, filtersFromSearch, listQuery, searchOf } from '../../src/dashboard/filters.js';
import { alreadyDone, changedMessage } from '../../src/dashboard/job-changed.js';
import { zoned } from '../../src/dashboard/time.js';

describe('dashboard filters in the address', () => {
  it('round-trips, in a fixed order, dropping blanks and unknown parameters', () => {
    const f = filtersFromSearch('?q=stand%20up&status=paused,active&junk=1&kind=&sort=-next_run');
    expect(f).toEqual({ q: 'stand up', status: 'paused,active', sort: '-next_run' });
    expect(searchOf(f)).toBe('status=paused%2Cactive&q=stand+up&sort=-next_run');
    expect(filtersFromSearch(searchOf(f))).toEqual(f);
  });

  it('the list request carries the same names as the address, plus the page', () => {
    expect(listQuery({ platform: 'telegram', recurring: 'true' }, 100, 'abc')).toBe(
      '/api/v1/jobs?platform=telegram&recurring=true&limit=100&cursor=abc',
    );
  });

  it('the job counts answer no filter, status and kind; anything else has no known total', () => {
    expect(countableByStats({})).toBe(true);
    expect(countableByStats({ status: 'paused', sort: 'name' })).toBe(true);
    expect(countableByStats({ kind: 'reminder', status: 'active' })).toBe(true);
    expect(countableByStats({ status: 'paused', q: 'x' })).toBe(false);
    expect(countableByStats({ platform: 'telegram' })).toBe(false);
  });

  it('a bulk action by filter sends the filters, says "all" only when none narrows it, and leaves status and sort out', () => {
    expect(bulkBody({}, 'pause')).toEqual({ all: true });
    expect(bulkBody({ status: 'paused', sort: 'name' }, 'resume')).toEqual({ all: true });
    expect(bulkBody({ status: 'active,cancelled' }, 'pause')).toEqual({ all: true });
    expect(bulkBody({ kind: 'reminder', chat: 'telegram:42', sort: 'name' }, 'resume')).toEqual({ kind: 'reminder', chat: 'telegram:42' });
    expect(bulkBody({ q: 'water', recurring: 'false' }, 'pause')).toEqual({ q: 'water', recurring: false });
  });

  it('"every matching job" of a list whose status filter shows none the action takes sends nothing (before, {"all":true}: Pause on the cancelled list paused every active job, none of them shown)', () => {
    expect(bulkBody({ status: 'cancelled' }, 'pause')).toBeUndefined();
    expect(bulkBody({ status: 'paused', kind: 'reminder' }, 'pause')).toBeUndefined();
    expect(bulkBody({ status: 'active,completed' }, 'resume')).toBeUndefined();
  });
});

describe('times in a job zone', () => {
  it('drop the T and zero seconds, keep the offset', () => {
    expect(zoned('2026-12-03T09:00:00+01:00')).toBe('2026-12-03 09:00+01:00');
    expect(zoned('2026-12-03T10:34:37+01:00')).toBe('2026-12-03 10:34:37+01:00');
    expect(zoned(null)).toBe('');
  });
});

describe('retry backoff', () => {
  it('doubles from the base up to the cap, a quarter at most taken off at random', () => {
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, 500, 30_000, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffDelay(20, 500, 30_000, () => 0)).toBe(30_000);
    expect(backoffDelay(3, 500, 30_000, () => 1)).toBe(3000);
  });
});

describe('a press refused because the job changed elsewhere (If-Match, 412)', () => {
  const shown = { id: 'k7m2qd', name: 'call mum', status: 'active', scheduleText: 'every day at 09:00, Europe/Berlin', etag: '"a"' };
  const now = {
    ...shown,
    kind: 'reminder',
    payload: { text: 'call dad' },
    origin: { platform: 'telegram', chatId: '42' },
    scheduleText: 'every day at 10:00, Europe/Berlin',
    etag: '"b"',
  };

  it('names each change the page can show, says nothing was done, and which button to press again', () => {
    const said = changedMessage({ ...shown, payload: { text: 'call mum' } }, now, { notDone: 'paused', again: 'Pause', where: 'page' });
    expect(said).toBe(
      '"call mum" was changed elsewhere (in the chat, another tab or through the API) since this page showed it, so it was not paused. ' +
        'Text is now "call dad". Schedule is now "every day at 10:00, Europe/Berlin". The page now shows it as it is: press Pause again if you still want to.',
    );
  });

  it("a row compares only what it shows; with nothing visible changed it says the job's settings changed", () => {
    const said = changedMessage({ ...shown, scheduleText: now.scheduleText }, now, { notDone: 'paused', again: undefined, where: 'list' });
    expect(said).toContain('Its settings changed. The list now shows it as it is.');
  });

  it('already in the status the press gives, nothing else changed: done (a retry after a lost answer), not a conflict', () => {
    const paused = { ...now, scheduleText: shown.scheduleText, status: 'paused' };
    expect(alreadyDone(shown, paused, 'pause')).toBe(true);
    expect(alreadyDone(shown, { ...paused, name: 'call dad' }, 'pause')).toBe(false);
    expect(alreadyDone(shown, { ...paused, status: 'cancelled' }, 'pause')).toBe(false);
  });
});
