import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { UserError } from '../../src/core/errors.js';
import { Housekeeper } from '../../src/core/housekeeping.js';
import { silentLogger } from '../../src/log.js';

const NOW = new Date('2026-11-22T10:00:00Z');
const DAY = 86_400_000;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chime-hk-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a file of `size` bytes last modified `ageDays` before NOW. */
function file(rel: string, ageDays: number, size = 10): void {
  const p = join(dir, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, Buffer.alloc(size, 'x'));
  const t = new Date(NOW.getTime() - ageDays * DAY);
  utimesSync(p, t, t);
}

function left(sub = ''): string[] {
  return readdirSync(join(dir, sub), { recursive: true })
    .map(String)
    .filter((f) => f.includes('.'))
    .sort();
}

function setup(history?: { retentionDays?: number; keepPerJob?: number }) {
  const pruned: Array<{ olderThan?: Date; keepPerJob?: number; dryRun?: boolean }> = [];
  const outboxPruned: Array<{ before: Date; dryRun?: boolean }> = [];
  const store = {
    pruneRuns: (opts: { olderThan?: Date; keepPerJob?: number; dryRun?: boolean }) => {
      pruned.push(opts);
      return 7;
    },
    pruneOutbox: (opts: { before: Date; dryRun?: boolean }) => {
      outboxPruned.push(opts);
      return 3;
    },
  };
  const clock = new ManualClock(NOW);
  const hk = new Housekeeper({ store, clock, logger: silentLogger(), ...(history ? { history } : {}) });
  return { hk, pruned, outboxPruned, clock };
}

describe('housekeeping', () => {
  it('history retention: prunes runs older than retentionDays and beyond keepPerJob', async () => {
    const { hk, pruned } = setup({ retentionDays: 30, keepPerJob: 50 });
    const report = await hk.run();
    expect(pruned).toEqual([{ olderThan: new Date(NOW.getTime() - 30 * DAY), keepPerJob: 50, dryRun: false }]);
    expect(report.history.runsDeleted).toBe(7);
  });

  it('outbox retention: sent and dead messages older than retentionDays are pruned too; a dry run only asks the store to count', async () => {
    const { hk, outboxPruned } = setup({ retentionDays: 10 });
    const dry = await hk.run({ dryRun: true });
    const before = new Date(NOW.getTime() - 10 * DAY);
    expect(outboxPruned).toEqual([{ before, dryRun: true }]);
    expect(dry.history.outboxDeleted).toBe(3);
    const report = await hk.run();
    expect(outboxPruned[1]).toEqual({ before, dryRun: false });
    expect(report.history.outboxDeleted).toBe(3);
  });

  it('conversation retention: agent conversation messages older than their own retention are pruned (real SQLite store)', async () => {
    const { openSqliteStore } = await import('../../src/store/sqlite/index.js');
    const s = openSqliteStore(':memory:');
    const key = { sessionId: 'tg_1', platform: 'telegram', userId: 'u' };
    s.conversations.append(key, [{ role: 'user', content: 'old', entityType: 'HUMAN' }], new Date(NOW.getTime() - 8 * DAY));
    s.conversations.append(key, [{ role: 'user', content: 'recent', entityType: 'HUMAN' }], new Date(NOW.getTime() - 6 * DAY));
    const store = { pruneRuns: () => 0 };
    const hk = new Housekeeper({
      store,
      clock: new ManualClock(NOW),
      logger: silentLogger(),
      conversations: { store: s.conversations, retentionDays: 7 },
    });
    expect((await hk.run({ dryRun: true })).history.conversationMessagesDeleted).toBe(1);
    expect(s.conversations.recent(key, 5).length).toBe(2);
    const report = await hk.run();
    expect(report.history).toMatchObject({ conversationMessagesDeleted: 1, conversationsOlderThan: new Date(NOW.getTime() - 7 * DAY) });
    expect(s.conversations.recent(key, 5).map((m) => m.content)).toEqual(['recent']);
    s.close();
  });

  it('age policy: only matching files older than maxAge go', async () => {
    file('old.log', 10);
    file('new.log', 1);
    file('old.txt', 10);
    const { hk } = setup();
    hk.register({ directory: dir, pattern: '*.log', maxAgeMs: 7 * DAY });
    const report = await hk.run();
    expect(left()).toEqual(['new.log', 'old.txt']);
    expect(report.directories[0]).toMatchObject({ files: ['old.log'], filesRemoved: 1, bytesRemoved: 10, filesKept: 1 });
  });

  it('count policy keeps the newest maxCount files', async () => {
    for (let i = 1; i <= 5; i++) file(`r${i}.csv`, i);
    const { hk } = setup();
    hk.register({ directory: dir, pattern: '*.csv', maxCount: 2 });
    await hk.run();
    expect(left()).toEqual(['r1.csv', 'r2.csv']);
  });

  it('size policy removes oldest files until the total fits', async () => {
    file('a.bin', 3, 100);
    file('b.bin', 2, 100);
    file('c.bin', 1, 100);
    const { hk } = setup();
    hk.register({ directory: dir, maxTotalBytes: 150 });
    const report = await hk.run();
    expect(left()).toEqual(['c.bin']);
    expect(report.totalBytes).toBe(200);
  });

  it('dry run changes nothing, touches no history, and reports what would go', async () => {
    file('old.log', 40);
    file('keep.log', 1);
    const { hk, pruned } = setup();
    hk.register({ directory: dir, pattern: '*.log', maxAgeMs: 30 * DAY });
    const report = await hk.run({ dryRun: true });
    expect(left()).toEqual(['keep.log', 'old.log']);
    expect(pruned.map((p) => p.dryRun)).toEqual([true]);
    expect(report).toMatchObject({ dryRun: true, totalFiles: 1, history: { runsDeleted: 7 } });
    expect(report.directories[0]?.files).toEqual(['old.log']);
  });

  it('recursive patterns and braces; symlinks are never removed', async () => {
    file('a/x.tmp', 5);
    file('a/b/y.tmp', 5);
    file('z.log', 5);
    file('keep.dat', 5);
    symlinkSync(join(dir, 'keep.dat'), join(dir, 'link.tmp'));
    const { hk } = setup();
    hk.register({ directory: dir, pattern: '**/*.{tmp,log}', maxAgeMs: DAY });
    const report = await hk.run();
    expect(report.directories[0]?.files.sort()).toEqual(['a/b/y.tmp', 'a/x.tmp', 'z.log']);
    expect(readdirSync(dir).sort()).toEqual(['a', 'keep.dat', 'link.tmp']);
  });

  it('registrations run in priority order (lower first) and the report says per registration', async () => {
    mkdirSync(join(dir, 'p1'));
    mkdirSync(join(dir, 'p2'));
    file('p1/a.log', 9);
    file('p2/b.log', 9);
    const { hk } = setup();
    const late = hk.register({ directory: join(dir, 'p2'), maxAgeMs: DAY, priority: 200 });
    const early = hk.register({ directory: join(dir, 'p1'), maxAgeMs: DAY, priority: 10 });
    const report = await hk.run();
    expect(report.directories.map((d) => d.id)).toEqual([early, late]);
    expect(report.totalFiles).toBe(2);
  });

  it('a missing directory is not an error; the root directory is refused', async () => {
    const { hk } = setup();
    hk.register({ directory: join(dir, 'nope'), maxAgeMs: DAY });
    const report = await hk.run();
    expect(report.directories[0]).toMatchObject({ filesRemoved: 0, errors: [] });
    expect(() => hk.register({ directory: '/', maxAgeMs: DAY })).toThrow(UserError);
    expect(() => hk.register({ directory: dir, maxCount: -1 })).toThrow(/maxCount/);
  });

  it('runs periodically on the clock every interval', async () => {
    const { hk, pruned, clock } = setup();
    hk.start(3_600_000);
    await clock.advance(3_599_000);
    expect(pruned).toHaveLength(0);
    await clock.advance(1_000);
    expect(pruned).toHaveLength(1);
    await clock.advance(3_600_000);
    expect(pruned).toHaveLength(2);
    await hk.stop();
  });
});
