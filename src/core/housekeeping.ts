import { randomBytes } from 'node:crypto';
import { lstat, readdir, unlink } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { type Clock, MAX_SINGLE_WAIT_MS } from './ports/clock.js';
import type { Logger } from './ports/logger.js';
import type { JobStore } from './ports/job-store.js';
import type { ConversationStore } from './ports/conversation-store.js';
import type { EventLog } from './ports/event-log.js';
import { UserError } from './errors.js';
import { globToRegExp } from './housekeeping-glob.js';

const DAY_MS = 86_400_000;

/**
 * A directory handed to the housekeeper (CHIME_CLEANUP_DIRS, or a module registering its own). Policies combine: a
 * file goes when it is too old, OR beyond the newest `maxCount`, OR needed to bring the total
 * under `maxTotalBytes` (oldest first).
 */
export interface CleanupRegistration {
  directory: string;
  /** Glob relative to `directory` (`*.log`, `**\/*.tmp`). Default `*`. */
  pattern?: string;
  /** Files modified longer ago than this (ms) are removed. */
  maxAgeMs?: number;
  /** Keep at most this many matching files (newest kept). */
  maxCount?: number;
  /** Keep the matching files' total size at or under this (bytes), removing oldest first. */
  maxTotalBytes?: number;
  /** Lower runs first. Default 100. */
  priority?: number;
  description?: string;
  /** Which module registered it, for the report. */
  moduleId?: string;
}

export interface RegisteredCleanup extends CleanupRegistration {
  id: string;
  directory: string;
  pattern: string;
  priority: number;
}

export interface CleanupResult {
  id: string;
  directory: string;
  pattern: string;
  priority: number;
  /** Files removed (or, in a dry run, that would be), relative to `directory`. */
  files: string[];
  filesRemoved: number;
  bytesRemoved: number;
  filesKept: number;
  errors: string[];
}

export interface HousekeepingReport {
  dryRun: boolean;
  startedAt: Date;
  history: {
    /** Finished runs deleted (in a dry run: that would be). */
    runsDeleted: number;
    /** Sent and dead outbox messages deleted, same age limit (in a dry run: that would be). */
    outboxDeleted: number;
    olderThan: Date;
    keepPerJob: number | null;
    /** Agent conversation messages deleted, older than `conversationsOlderThan` (in a dry run: that would be). */
    conversationMessagesDeleted: number;
    conversationsOlderThan: Date;
    /** Event log entries deleted, older than `eventsOlderThan` (in a dry run: that would be). */
    eventsDeleted: number;
    eventsOlderThan: Date;
  };
  directories: CleanupResult[];
  totalFiles: number;
  totalBytes: number;
}

export interface HousekeeperDeps {
  store: Pick<JobStore, 'pruneRuns' | 'pruneOutbox'>;
  clock: Clock;
  logger: Logger;
  /** Execution history kept: days (default 30) and, optionally, newest runs per job. */
  history?: { retentionDays?: number; keepPerJob?: number };
  /** The agent's conversation memory, pruned by age: messages older than `retentionDays` (default 30) go. */
  conversations?: { store: Pick<ConversationStore, 'prune'>; retentionDays?: number };
  /** The event log, pruned by age: events older than `retentionDays` (default 30) go. */
  events?: { log: Pick<EventLog, 'pruneEvents'>; retentionDays?: number };
}

interface FileInfo {
  rel: string;
  size: number;
  mtimeMs: number;
}

/**
 * Centralised cleanup: execution-history retention and registered directories, with
 * priority, dry run and a report. The app runs it every `cleanupIntervalMs`; `chime cleanup`
 * runs it on demand.
 */
export class Housekeeper {
  private readonly regs = new Map<string, RegisteredCleanup>();
  private loop: Promise<void> | undefined;
  private abort: AbortController | undefined;
  private stopped = false;

  constructor(private readonly deps: HousekeeperDeps) {}

  /** Registers a directory; returns its id. Refuses the filesystem root and empty paths. */
  register(reg: CleanupRegistration): string {
    const directory = resolve(reg.directory);
    if (!reg.directory.trim() || directory === resolve(sep)) {
      throw new UserError('cleanup.directory', `Refusing to clean "${reg.directory}": give a specific directory.`, './data/exports');
    }
    for (const [k, v] of Object.entries({ maxAgeMs: reg.maxAgeMs, maxCount: reg.maxCount, maxTotalBytes: reg.maxTotalBytes })) {
      if (v !== undefined && (!Number.isFinite(v) || v < 0))
        throw new UserError('cleanup.policy', `${k} must be a non-negative number (got ${v}).`);
    }
    const pattern = reg.pattern ?? '*';
    globToRegExp(pattern); // reject a malformed pattern now rather than at the first run
    const id = `cl_${randomBytes(4).toString('hex')}`;
    this.regs.set(id, { ...reg, id, directory, pattern, priority: reg.priority ?? 100 });
    return id;
  }

  unregister(id: string): boolean {
    return this.regs.delete(id);
  }

  /** Registrations in the order they run (priority, then registration order). */
  registrations(): RegisteredCleanup[] {
    return [...this.regs.values()].sort((a, b) => a.priority - b.priority);
  }

  /** Runs every policy once. With `dryRun`, nothing is deleted and the report says what would be. */
  async run(opts: { dryRun?: boolean } = {}): Promise<HousekeepingReport> {
    const dryRun = opts.dryRun ?? false;
    const now = this.deps.clock.now();
    const retentionDays = this.deps.history?.retentionDays ?? 30;
    const keepPerJob = this.deps.history?.keepPerJob;
    const olderThan = new Date(now.getTime() - retentionDays * DAY_MS);
    // A dry run counts with the same deletes, rolled back by the store.
    const runsDeleted = await this.deps.store.pruneRuns(
      keepPerJob === undefined ? { olderThan, dryRun } : { olderThan, keepPerJob, dryRun },
    );
    // Delivered (and given-up) messages are history too; pending ones are never touched.
    const outboxDeleted = this.deps.store.pruneOutbox ? await this.deps.store.pruneOutbox({ before: olderThan, dryRun }) : 0;
    const conversationsOlderThan = new Date(now.getTime() - (this.deps.conversations?.retentionDays ?? 30) * DAY_MS);
    const conversationMessagesDeleted = this.deps.conversations
      ? await this.deps.conversations.store.prune(conversationsOlderThan, { dryRun })
      : 0;
    const eventsOlderThan = new Date(now.getTime() - (this.deps.events?.retentionDays ?? 30) * DAY_MS);
    const eventsDeleted = this.deps.events ? await this.deps.events.log.pruneEvents({ before: eventsOlderThan, dryRun }) : 0;
    const directories: CleanupResult[] = [];
    for (const reg of this.registrations()) directories.push(await this.clean(reg, now.getTime(), dryRun));
    const report: HousekeepingReport = {
      dryRun,
      startedAt: now,
      history: {
        runsDeleted,
        outboxDeleted,
        olderThan,
        keepPerJob: keepPerJob ?? null,
        conversationMessagesDeleted,
        conversationsOlderThan,
        eventsDeleted,
        eventsOlderThan,
      },
      directories,
      totalFiles: directories.reduce((n, d) => n + d.filesRemoved, 0),
      totalBytes: directories.reduce((n, d) => n + d.bytesRemoved, 0),
    };
    this.deps.logger.info(
      {
        dry_run: dryRun,
        runs_deleted: runsDeleted,
        outbox_deleted: outboxDeleted,
        conversation_messages_deleted: conversationMessagesDeleted,
        events_deleted: eventsDeleted,
        files_removed: report.totalFiles,
        bytes_removed: report.totalBytes,
      },
      'housekeeping done',
    );
    return report;
  }

  /** Runs `run()` every `intervalMs` on the clock until `stop()`; the first run is one interval after start. */
  start(intervalMs: number): void {
    if (this.loop) return;
    this.stopped = false;
    this.loop = (async () => {
      let due = this.deps.clock.now().getTime() + intervalMs;
      while (!this.stopped) {
        // Wait in steps of at most 30 s, so clock steps and long intervals are handled. A fresh
        // signal per wait: listeners on one long-lived signal would pile up.
        const step = Math.min(due, this.deps.clock.now().getTime() + MAX_SINGLE_WAIT_MS);
        const ctrl = new AbortController();
        this.abort = ctrl;
        try {
          await this.deps.clock.sleepUntil(new Date(step), ctrl.signal);
        } catch {
          return;
        }
        if (this.stopped) return;
        if (this.deps.clock.now().getTime() < due) continue;
        try {
          await this.run();
        } catch (err) {
          this.deps.logger.error({ err }, 'housekeeping failed');
        }
        due = this.deps.clock.now().getTime() + intervalMs;
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort?.abort();
    await this.loop;
    this.loop = undefined;
  }

  private async clean(reg: RegisteredCleanup, now: number, dryRun: boolean): Promise<CleanupResult> {
    const result: CleanupResult = {
      id: reg.id,
      directory: reg.directory,
      pattern: reg.pattern,
      priority: reg.priority,
      files: [],
      filesRemoved: 0,
      bytesRemoved: 0,
      filesKept: 0,
      errors: [],
    };
    let files: FileInfo[];
    try {
      files = await listFiles(reg.directory, globToRegExp(reg.pattern));
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code !== 'ENOENT') result.errors.push(`${reg.directory}: ${e.message}`);
      return result;
    }
    const doomed = selectForRemoval(files, reg, now);
    for (const f of files) {
      if (!doomed.has(f)) {
        result.filesKept++;
        continue;
      }
      if (!dryRun) {
        try {
          await unlink(join(reg.directory, f.rel));
        } catch (err) {
          const e = err as NodeJS.ErrnoException;
          if (e.code !== 'ENOENT') {
            result.errors.push(`${f.rel}: ${e.message}`);
            result.filesKept++;
            continue;
          }
        }
      }
      result.files.push(f.rel);
      result.filesRemoved++;
      result.bytesRemoved += f.size;
    }
    return result;
  }
}

/** Applies age, count and size policies; returns the files to remove. */
export function selectForRemoval(
  files: FileInfo[],
  policy: Pick<CleanupRegistration, 'maxAgeMs' | 'maxCount' | 'maxTotalBytes'>,
  now: number,
): Set<FileInfo> {
  const newestFirst = [...files].sort((a, b) => b.mtimeMs - a.mtimeMs || a.rel.localeCompare(b.rel));
  const doomed = new Set<FileInfo>();
  if (policy.maxAgeMs !== undefined) {
    for (const f of newestFirst) if (now - f.mtimeMs > policy.maxAgeMs) doomed.add(f);
  }
  if (policy.maxCount !== undefined) {
    for (const f of newestFirst.slice(policy.maxCount)) doomed.add(f);
  }
  if (policy.maxTotalBytes !== undefined) {
    let total = newestFirst.filter((f) => !doomed.has(f)).reduce((n, f) => n + f.size, 0);
    for (let i = newestFirst.length - 1; i >= 0 && total > policy.maxTotalBytes; i--) {
      const f = newestFirst[i] as FileInfo;
      if (doomed.has(f)) continue;
      doomed.add(f);
      total -= f.size;
    }
  }
  return doomed;
}

/** Regular files under `dir` whose relative path matches; symlinks are never followed or removed. */
async function listFiles(dir: string, re: RegExp): Promise<FileInfo[]> {
  const out: FileInfo[] = [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const e of entries) {
    if (!e.isFile()) continue;
    const full = join(e.parentPath ?? dir, e.name);
    const rel = relative(dir, full).split(sep).join('/');
    if (!re.test(rel)) continue;
    const st = await lstat(full);
    if (!st.isFile()) continue;
    out.push({ rel, size: st.size, mtimeMs: st.mtimeMs });
  }
  return out;
}
