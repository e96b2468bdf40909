import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { MemoryAccessDenied } from '../../src/core/errors.js';
import type { GhostContext } from '../../src/core/ghost.js';
import { humanContext, runWithContext, schedulerContext } from '../../src/core/runtime-context.js';
import type { ApiMemoryAccess } from '../../src/core/ports/notes-store.js';
import type { PostgresNotesStore } from '../../src/store/postgres/index.js';
import { T0 } from './contract.js';
import { PgSchemaFixture, describePg } from './pg-harness.js';

const human = humanContext('tg_10018049');
const scheduler = schedulerContext('k7m2qd', 'tg_10018049');
const api: GhostContext = { entityType: 'API', sessionId: 'api_1', parentSessionId: null, isAutomated: true };

let fx: PgSchemaFixture;

async function open(apiAccess?: ApiMemoryAccess) {
  const clock = new ManualClock(T0);
  const s = await fx.open(apiAccess === undefined ? { clock } : { clock, notesApiAccess: apiAccess });
  return { s, notes: s.notes, prefs: s.prefs, clock };
}

/** Runs every operation as `ctx` and reports which were allowed. */
async function probe(notes: PostgresNotesStore, ctx: GhostContext | undefined): Promise<Record<string, boolean>> {
  const tryOp = async (fn: () => Promise<unknown>): Promise<boolean> => {
    try {
      await (ctx ? runWithContext(ctx, fn) : fn());
      return true;
    } catch (err) {
      if (!(err instanceof MemoryAccessDenied)) throw err;
      return false;
    }
  };
  return {
    add: await tryOp(() => notes.add('telegram', 'u1', 'x')),
    list: await tryOp(() => notes.list('telegram', 'u1')),
    count: await tryOp(() => notes.count('telegram', 'u1')),
    remove: await tryOp(() => notes.remove('telegram', 'u1', 1)),
  };
}

const ALL = { add: true, list: true, count: true, remove: true };
const NONE = { add: false, list: false, count: false, remove: false };
const READ = { add: false, list: true, count: true, remove: false };

describePg('notes store on PostgreSQL (per-person notes; scheduled runs refused)', () => {
  afterEach(() => fx.dispose());
  const fresh = () => (fx = new PgSchemaFixture());

  it('a human adds, lists in order, counts and forgets note n (1-based)', async () => {
    fresh();
    const { notes, clock } = await open();
    await runWithContext(human, async () => {
      expect(await notes.add('telegram', 'u1', 'spare key under the mat')).toBe(1);
      clock.set(new Date(T0.getTime() + 1000));
      expect(await notes.add('telegram', 'u1', 'wifi: hunter2')).toBe(2);
      await notes.add('telegram', 'u1', 'third');
      await notes.add('discord', 'u1', 'other platform');
      expect((await notes.list('telegram', 'u1')).map((n) => n.text)).toEqual(['spare key under the mat', 'wifi: hunter2', 'third']);
      expect((await notes.list('telegram', 'u1'))[1]!.createdAt).toEqual(new Date(T0.getTime() + 1000));
      expect(await notes.remove('telegram', 'u1', 2)).toBe(true);
      expect((await notes.list('telegram', 'u1')).map((n) => n.text)).toEqual(['spare key under the mat', 'third']);
      expect(await notes.remove('telegram', 'u1', 3)).toBe(false);
      expect(await notes.remove('telegram', 'u1', 0)).toBe(false);
      expect(await notes.remove('telegram', 'u1', 1.5)).toBe(false);
      expect(await notes.count('telegram', 'u1')).toBe(2);
      expect(await notes.count('discord', 'u1')).toBe(1);
      expect(await notes.list('telegram', 'nobody')).toEqual([]);
    });
  });

  it('access: HUMAN full', async () => {
    fresh();
    expect(await probe((await open()).notes, human)).toEqual(ALL);
  });

  it('access: SCHEDULER none, with MemoryAccessDenied naming the entity and operation', async () => {
    fresh();
    const { notes } = await open('full');
    expect(await probe(notes, scheduler)).toEqual(NONE);
    await expect(runWithContext(scheduler, () => notes.list('telegram', 'u1'))).rejects.toMatchObject({
      entityType: 'SCHEDULER',
      operation: 'read',
    });
  });

  it('access: a scheduled run cannot escape the policy through an awaited call', async () => {
    fresh();
    const { notes } = await open();
    await expect(
      runWithContext(scheduler, async () => {
        await Promise.resolve();
        return notes.add('telegram', 'u1', 'sneaky');
      }),
    ).rejects.toBeInstanceOf(MemoryAccessDenied);
    expect(await runWithContext(human, () => notes.count('telegram', 'u1'))).toBe(0);
  });

  it('access: API none by default, read or full when configured', async () => {
    fresh();
    expect(await probe((await open()).notes, api)).toEqual(NONE);
    expect(await probe((await open('none')).notes, api)).toEqual(NONE);
    expect(await probe((await open('read')).notes, api)).toEqual(READ);
    expect(await probe((await open('full')).notes, api)).toEqual(ALL);
  });

  it('access: UNKNOWN (no runtime context at all) is denied reads and writes', async () => {
    fresh();
    expect(await probe((await open('full')).notes, undefined)).toEqual(NONE);
    expect(await probe((await open()).notes, { entityType: 'UNKNOWN', sessionId: 'x', parentSessionId: null, isAutomated: false })).toEqual(
      NONE,
    );
  });

  it('a denied write changes nothing', async () => {
    fresh();
    const { notes } = await open();
    await runWithContext(human, () => notes.add('telegram', 'u1', 'keep me'));
    await expect(runWithContext(scheduler, () => notes.remove('telegram', 'u1', 1))).rejects.toThrow(MemoryAccessDenied);
    expect(await runWithContext(human, async () => (await notes.list('telegram', 'u1')).map((n) => n.text))).toEqual(['keep me']);
  });

  it('concurrent adds by one user each get their own number', async () => {
    fresh();
    const { notes } = await open();
    const numbers = await runWithContext(human, () =>
      Promise.all(Array.from({ length: 6 }, (_, i) => notes.add('telegram', 'u1', `n${i}`))),
    );
    expect([...numbers].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describePg('prefs store on PostgreSQL', () => {
  afterEach(() => fx.dispose());
  const openPrefs = async () => {
    fx = new PgSchemaFixture();
    return (await open()).prefs;
  };

  it('get is undefined until something is set', async () => {
    const prefs = await openPrefs();
    expect(await prefs.get('telegram', 'user', 'u1')).toBeUndefined();
    expect(await prefs.effective('telegram', 'u1', 'c1')).toEqual({});
  });

  it('set merges: setting the date order keeps the time zone', async () => {
    const prefs = await openPrefs();
    await prefs.set('telegram', 'user', 'u1', { timeZone: 'Europe/Berlin' });
    await prefs.set('telegram', 'user', 'u1', { dateOrder: 'mdy' });
    expect(await prefs.get('telegram', 'user', 'u1')).toEqual({ timeZone: 'Europe/Berlin', dateOrder: 'mdy' });
    await prefs.set('telegram', 'user', 'u1', { timeZone: 'Asia/Tokyo' });
    expect(await prefs.get('telegram', 'user', 'u1')).toEqual({ timeZone: 'Asia/Tokyo', dateOrder: 'mdy' });
  });

  it('precedence per field: the user setting, else the chat default, else nothing', async () => {
    const prefs = await openPrefs();
    await prefs.set('telegram', 'chat', 'c1', { timeZone: 'America/New_York', dateOrder: 'mdy' });
    expect(await prefs.effective('telegram', 'u1', 'c1')).toEqual({ timeZone: 'America/New_York', dateOrder: 'mdy' });
    await prefs.set('telegram', 'user', 'u1', { timeZone: 'Europe/Berlin' });
    expect(await prefs.effective('telegram', 'u1', 'c1')).toEqual({ timeZone: 'Europe/Berlin', dateOrder: 'mdy' });
    expect(await prefs.effective('telegram', 'u2', 'c1')).toEqual({ timeZone: 'America/New_York', dateOrder: 'mdy' });
    expect(await prefs.effective('telegram', 'u1', 'c2')).toEqual({ timeZone: 'Europe/Berlin' });
  });

  it('scopes and platforms do not mix: a user id equal to a chat id, or another platform', async () => {
    const prefs = await openPrefs();
    await prefs.set('telegram', 'chat', '42', { dateOrder: 'dmy' });
    expect(await prefs.get('telegram', 'user', '42')).toBeUndefined();
    expect(await prefs.get('discord', 'chat', '42')).toBeUndefined();
  });

  it('clear forgets given fields, or all', async () => {
    const prefs = await openPrefs();
    await prefs.set('telegram', 'user', 'u1', { timeZone: 'Europe/Berlin', dateOrder: 'dmy' });
    await prefs.clear('telegram', 'user', 'u1', ['dateOrder']);
    expect(await prefs.get('telegram', 'user', 'u1')).toEqual({ timeZone: 'Europe/Berlin' });
    await prefs.clear('telegram', 'user', 'u1');
    expect(await prefs.get('telegram', 'user', 'u1')).toBeUndefined();
  });

  it('a bad date order is refused by the schema', async () => {
    const prefs = await openPrefs();
    await expect(prefs.set('telegram', 'user', 'u1', { dateOrder: 'ymd' as never })).rejects.toThrow();
  });
});

describe('PostgreSQL test harness', () => {
  it('names a fresh schema per fixture', () => {
    expect(new PgSchemaFixture().schema).toMatch(/^chime_t_[0-9a-f]{12}$/);
    expect(new PgSchemaFixture().schema).not.toBe(new PgSchemaFixture().schema);
  });
});
