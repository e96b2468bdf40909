import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { MemoryAccessDenied } from '../../src/core/errors.js';
import type { GhostContext } from '../../src/core/ghost.js';
import { humanContext, runWithContext, schedulerContext } from '../../src/core/runtime-context.js';
import { type ApiMemoryAccess, memoryAllowed } from '../../src/core/ports/notes-store.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { T0 } from './contract.js';

const human = humanContext('tg_10018049');
const scheduler = schedulerContext('k7m2qd', 'tg_10018049');
const api: GhostContext = { entityType: 'API', sessionId: 'api_1', parentSessionId: null, isAutomated: true };

function open(apiAccess?: ApiMemoryAccess) {
  const clock = new ManualClock(T0);
  const s = openSqliteStore(':memory:', apiAccess === undefined ? { clock } : { clock, notesApiAccess: apiAccess });
  return { s, notes: s.notes, clock };
}

/** Runs every operation as `ctx` and reports which were allowed. */
function probe(notes: ReturnType<typeof open>['notes'], ctx: GhostContext | undefined): Record<string, boolean> {
  const tryOp = (fn: () => unknown): boolean => {
    try {
      if (ctx) runWithContext(ctx, fn);
      else fn();
      return true;
    } catch (err) {
      if (!(err instanceof MemoryAccessDenied)) throw err;
      return false;
    }
  };
  return {
    add: tryOp(() => notes.add('telegram', 'u1', 'x')),
    list: tryOp(() => notes.list('telegram', 'u1')),
    count: tryOp(() => notes.count('telegram', 'u1')),
    remove: tryOp(() => notes.remove('telegram', 'u1', 1)),
  };
}

const ALL = { add: true, list: true, count: true, remove: true };
const NONE = { add: false, list: false, count: false, remove: false };
const READ = { add: false, list: true, count: true, remove: false };

describe('notes store (per-person notes; scheduled runs refused)', () => {
  it('a human adds, lists in order, counts and forgets note n (1-based)', () => {
    const { s, notes, clock } = open();
    runWithContext(human, () => {
      expect(notes.add('telegram', 'u1', 'spare key under the mat')).toBe(1);
      clock.set(new Date(T0.getTime() + 1000));
      expect(notes.add('telegram', 'u1', 'wifi: hunter2')).toBe(2);
      notes.add('telegram', 'u1', 'third');
      notes.add('discord', 'u1', 'other platform');
      expect(notes.list('telegram', 'u1').map((n) => n.text)).toEqual(['spare key under the mat', 'wifi: hunter2', 'third']);
      expect(notes.list('telegram', 'u1')[1]!.createdAt).toEqual(new Date(T0.getTime() + 1000));
      expect(notes.remove('telegram', 'u1', 2)).toBe(true);
      expect(notes.list('telegram', 'u1').map((n) => n.text)).toEqual(['spare key under the mat', 'third']);
      expect(notes.remove('telegram', 'u1', 3)).toBe(false);
      expect(notes.remove('telegram', 'u1', 0)).toBe(false);
      expect(notes.remove('telegram', 'u1', 1.5)).toBe(false);
      expect(notes.count('telegram', 'u1')).toBe(2);
      expect(notes.count('discord', 'u1')).toBe(1);
      expect(notes.list('telegram', 'nobody')).toEqual([]);
    });
    s.close();
  });

  it('access: HUMAN full', () => {
    expect(probe(open().notes, human)).toEqual(ALL);
  });

  it('access: SCHEDULER none, with MemoryAccessDenied naming the entity and operation', () => {
    const { notes } = open('full');
    expect(probe(notes, scheduler)).toEqual(NONE);
    try {
      runWithContext(scheduler, () => notes.list('telegram', 'u1'));
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(MemoryAccessDenied);
      expect(err).toMatchObject({ entityType: 'SCHEDULER', operation: 'read' });
    }
  });

  it('access: a scheduled run cannot escape the policy through an awaited call', async () => {
    const { notes } = open();
    await expect(
      runWithContext(scheduler, async () => {
        await Promise.resolve();
        return notes.add('telegram', 'u1', 'sneaky');
      }),
    ).rejects.toBeInstanceOf(MemoryAccessDenied);
    expect(runWithContext(human, () => notes.count('telegram', 'u1'))).toBe(0);
  });

  it('access: API none by default, read or full when configured', () => {
    expect(probe(open().notes, api)).toEqual(NONE);
    expect(probe(open('none').notes, api)).toEqual(NONE);
    expect(probe(open('read').notes, api)).toEqual(READ);
    expect(probe(open('full').notes, api)).toEqual(ALL);
  });

  it('access: UNKNOWN (no runtime context at all) is denied reads and writes', () => {
    expect(probe(open('full').notes, undefined)).toEqual(NONE);
    expect(probe(open().notes, { entityType: 'UNKNOWN', sessionId: 'x', parentSessionId: null, isAutomated: false })).toEqual(NONE);
  });

  it('memoryAllowed encodes the table', () => {
    expect(memoryAllowed('HUMAN', 'write')).toBe(true);
    expect(memoryAllowed('SCHEDULER', 'read', 'full')).toBe(false);
    expect(memoryAllowed('API', 'read', 'read')).toBe(true);
    expect(memoryAllowed('API', 'write', 'read')).toBe(false);
    expect(memoryAllowed('UNKNOWN', 'read', 'full')).toBe(false);
  });

  it('a denied write changes nothing', () => {
    const { notes } = open();
    runWithContext(human, () => notes.add('telegram', 'u1', 'keep me'));
    expect(() => runWithContext(scheduler, () => notes.remove('telegram', 'u1', 1))).toThrow(MemoryAccessDenied);
    expect(runWithContext(human, () => notes.list('telegram', 'u1').map((n) => n.text))).toEqual(['keep me']);
  });
});
