// The WAL checkpointer's worker thread runs only while the WAL holds frames to copy into the
// database: an idle store carries no second isolate, a write brings the worker back within one
// interval, and it leaves after idleMs without any. walProbe is how the main thread tells.
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { endianness, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { startCheckpointer, walProbe } from '../../src/store/sqlite/checkpointer.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function dbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chime-ckpt-'));
  dirs.push(dir);
  return join(dir, 'chime.db');
}

/** Real time: the worker checkpoints on its own thread. */
async function until(what: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!what() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}

describe('walProbe', () => {
  it('says pending after a commit, not after a complete checkpoint, and pending while a reader held part of it back', () => {
    const path = dbPath();
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    const probe = walProbe(path);
    const other = new Database(path);
    try {
      db.exec('CREATE TABLE t (x)');
      db.exec('INSERT INTO t VALUES (1)');
      expect(probe.pending()).toBe(true);
      other.pragma('wal_checkpoint(PASSIVE)');
      expect(probe.pending()).toBe(false);
      // A reader's snapshot keeps the last commit's frames out of a PASSIVE checkpoint.
      const reader = new Database(path);
      reader.exec('BEGIN');
      reader.prepare('SELECT * FROM t').all();
      db.exec('INSERT INTO t VALUES (2)');
      other.pragma('wal_checkpoint(PASSIVE)');
      expect(probe.pending()).toBe(true);
      reader.exec('COMMIT');
      reader.close();
      other.pragma('wal_checkpoint(PASSIVE)');
      expect(probe.pending()).toBe(false);
    } finally {
      probe.close();
      other.close();
      db.close();
    }
  });

  it('answers pending when it cannot tell (no WAL index)', () => {
    const probe = walProbe(join(dbPath(), 'missing.db'));
    expect(probe.pending()).toBe(true);
    probe.close();
  });
});

describe('checkpointer: the worker runs only while there is WAL to checkpoint', () => {
  it('no worker on an idle store; a write brings it within an interval, it checkpoints, and leaves after idleMs', async () => {
    const path = dbPath();
    const s = openSqliteStore(path);
    const clock = new ManualClock();
    const checkpointer = startCheckpointer(s.db, { clock, intervalMs: 1000, idleMs: 5000 });
    const probe = walProbe(path);
    try {
      // Opening wrote nothing pending (or the first look copies it): no worker after that.
      await clock.advance(1000);
      await until(() => !probe.pending());
      await clock.advance(5000);
      expect(checkpointer.workerRunning()).toBe(false);
      await clock.advance(3000);
      expect(checkpointer.workerRunning()).toBe(false);

      s.db.exec('CREATE TABLE filler (x BLOB)');
      s.db.prepare('INSERT INTO filler VALUES (randomblob(4000))').run();
      expect(probe.pending()).toBe(true);
      await clock.advance(1000);
      expect(checkpointer.workerRunning()).toBe(true);
      await until(() => !probe.pending());
      expect(probe.pending()).toBe(false);

      // Stays idleMs (5 s) after the WAL was last found with frames to copy, then leaves.
      await clock.advance(4000);
      expect(checkpointer.workerRunning()).toBe(true);
      await clock.advance(1000);
      expect(checkpointer.workerRunning()).toBe(false);

      // And comes back for the next write.
      s.db.prepare('INSERT INTO filler VALUES (randomblob(4000))').run();
      await clock.advance(1000);
      expect(checkpointer.workerRunning()).toBe(true);
      await until(() => !probe.pending());
      expect(probe.pending()).toBe(false);
    } finally {
      probe.close();
      await checkpointer.stop();
      s.close();
    }
  });

  it('stop() while the worker is up waits for its last checkpoint and restores the usual auto-checkpoint', async () => {
    const path = dbPath();
    const s = openSqliteStore(path);
    const clock = new ManualClock();
    const checkpointer = startCheckpointer(s.db, { clock, intervalMs: 1000 });
    const probe = walProbe(path);
    s.db.exec('CREATE TABLE filler (x BLOB)');
    await clock.advance(1000);
    expect(checkpointer.workerRunning()).toBe(true);
    s.db.prepare('INSERT INTO filler VALUES (randomblob(4000))').run();
    await checkpointer.stop();
    expect(checkpointer.workerRunning()).toBe(false);
    expect(probe.pending()).toBe(false);
    expect(s.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    probe.close();
    s.close();
  });
});

/** The WAL file's checkpoint sequence number (header offset 12, big-endian): +1 each time a writer restarts the WAL. */
function walRestarts(path: string): number {
  const fd = openSync(`${path}-wal`, 'r');
  try {
    const header = Buffer.alloc(16);
    readSync(fd, header, 0, 16, 0);
    return header.readUInt32BE(12);
  } finally {
    closeSync(fd);
  }
}

/** mxFrame and nBackfill from the WAL index (see walProbe): whether the last checkpoint copied every frame. */
function backfilled(path: string): boolean {
  const header = readFileSync(`${path}-shm`).subarray(0, 136);
  const le = endianness() === 'LE';
  const mxFrame = le ? header.readUInt32LE(16) : header.readUInt32BE(16);
  const nBackfill = le ? header.readUInt32LE(96) : header.readUInt32BE(96);
  return nBackfill === mxFrame;
}

describe('checkpointer: the scheduler thread does not restart the WAL after every checkpoint', () => {
  // A writer that finds the WAL fully checkpointed starts it over, and must fsync the new WAL
  // header inside its commit: on the event loop, 1-6 ms on a quiet disk, 15-45 ms measured
  // while other writes kept the disk busy, four times a second in a burst (every interval).
  // The worker keeps a snapshot of the WAL's end, so the checkpoint copies all but the newest
  // frames and writers append; it lets go once the WAL is `restartFrames` long, so the file
  // still starts over (one fsync per that many frames).
  it('writes between checkpoints append to the WAL instead of restarting it', async () => {
    const path = dbPath();
    const s = openSqliteStore(path);
    const clock = new ManualClock();
    const checkpointer = startCheckpointer(s.db, { clock, intervalMs: 1000 });
    try {
      s.db.exec('CREATE TABLE filler (x BLOB)');
      const insert = s.db.prepare('INSERT INTO filler VALUES (randomblob(3000))');
      insert.run();
      await clock.advance(1000);
      await until(() => backfilled(path));
      const before = walRestarts(path);
      for (let i = 0; i < 8; i++) {
        insert.run();
        insert.run();
        await clock.advance(1000);
        await until(() => backfilled(path));
        expect(backfilled(path)).toBe(true);
      }
      expect(walRestarts(path) - before).toBe(0);
      // Nothing was lost: every row is in the database file and readable after a restart of the store.
      expect(s.db.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 17 });
    } finally {
      await checkpointer.stop();
      s.close();
    }
  });

  it('lets the WAL start over once it holds restartFrames frames, so its file stays bounded', async () => {
    const path = dbPath();
    const s = openSqliteStore(path);
    const clock = new ManualClock();
    const checkpointer = startCheckpointer(s.db, { clock, intervalMs: 1000, restartFrames: 100 });
    try {
      s.db.exec('CREATE TABLE filler (x BLOB)');
      const insert = s.db.prepare('INSERT INTO filler VALUES (randomblob(3000))');
      insert.run();
      await clock.advance(1000);
      await until(() => backfilled(path));
      const before = walRestarts(path);
      let largest = 0;
      for (let i = 0; i < 30; i++) {
        for (let j = 0; j < 10; j++) insert.run();
        largest = Math.max(largest, statSync(`${path}-wal`).size);
        await clock.advance(1000);
        await until(() => backfilled(path));
      }
      const restarts = walRestarts(path) - before;
      // ~20 frames an interval, started over once past 100 frames: about every sixth interval, not every one.
      expect(restarts).toBeGreaterThanOrEqual(2);
      expect(restarts).toBeLessThanOrEqual(12);
      // 100 frames, plus the commits of the interval that reached them and of the one that lets go.
      expect(largest).toBeLessThan(250 * 4120);
      expect(s.db.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 301 });
    } finally {
      await checkpointer.stop();
      s.close();
    }
  });
});
