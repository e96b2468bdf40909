import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Db } from './open-db.js';

/**
 * Tells listeners when another process committed to the database file: a job added by
 * `chime jobs create` while the bot runs must wake its timer now, not at its next 30 s re-arm.
 *
 * Event-driven, no polling and no clock: every commit in WAL mode writes `<file>-wal`, and
 * `fs.watch` on the directory (the WAL file comes and goes) reports it. Our own commits write
 * it too, so each report is checked against `PRAGMA data_version`, which changes only when
 * *another* connection committed. Reports are coalesced to one check per event-loop turn.
 * On file systems without change notification nothing is reported and the 30 s re-arm remains.
 */
export class ChangeWatcher {
  private readonly listeners = new Set<() => void>();
  private watcher: FSWatcher | undefined;
  private version = 0;
  private checkQueued = false;

  constructor(
    private readonly db: Db,
    private readonly path: string,
  ) {}

  /** Calls `listener` after other processes' commits; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.close();
    };
  }

  close(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }

  private start(): void {
    if (this.watcher || this.path === ':memory:' || this.path === '') return;
    const file = resolve(this.path);
    const names = new Set([basename(file), `${basename(file)}-wal`]);
    this.version = this.dataVersion();
    try {
      this.watcher = watch(dirname(file), { persistent: false }, (_event, name) => {
        if (name === null || names.has(String(name))) this.queueCheck();
      });
      // A watcher error (directory removed) ends notifications; the timer's re-arm remains.
      this.watcher.on('error', () => this.close());
    } catch {
      this.watcher = undefined;
    }
  }

  private queueCheck(): void {
    if (this.checkQueued) return;
    this.checkQueued = true;
    setImmediate(() => {
      this.checkQueued = false;
      if (!this.db.open) return this.close();
      const v = this.dataVersion();
      if (v === this.version) return;
      this.version = v;
      for (const l of this.listeners) l();
    });
  }

  private dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }
}
