/**
 * Small stand-ins used until (or besides) the real store, parser and Scheduler: enough
 * behaviour for the chat layer's rules, nothing more.
 */
import { movedJobPatch } from '../../src/core/chat-move.js';
import type { Job, NewJob } from '../../src/core/job.js';
import type { RunRecord } from '../../src/core/run.js';
import type { SchedulerApi } from '../../src/core/scheduler-api.js';
import type { ChatNotes, ChatPrefs } from '../../src/chat/deps.js';
import { type Note, checkMemoryAccess } from '../../src/core/ports/notes-store.js';
import type { PrefValues } from '../../src/core/ports/prefs-store.js';
import type { ParseOptions, ParseResult } from '../../src/nl/types.js';
import type { Clock } from '../../src/core/ports/clock.js';
import type { JobFilter, JobPatch } from '../../src/core/ports/job-store.js';
import { isRecurring, nextFireWithin } from '../../src/core/schedule-next.js';

export function fakeScheduler(clock: Clock): SchedulerApi & { jobs: Map<string, Job> } {
  const jobs = new Map<string, Job>();
  let seq = 0;
  const must = (id: string): Job => {
    const j = jobs.get(id);
    if (!j) throw new Error(`no job ${id}`);
    return j;
  };
  // As JobOperations' firstFire: a one-off's instant even if past (the real scheduler runs
  // missed one-offs once), else the first fire strictly after now. An interval's anchor is
  // "now" when it was read, so reaching back before now fired it at once, an interval early.
  const firstRun = (s: Job['schedule'], tz: string, bounds: Job['bounds'] = {}, runCount = 0): Date | null =>
    s.kind === 'once' ? s.at : s.kind === 'manual' ? null : nextFireWithin(s, tz, clock.now(), bounds, runCount);
  const update = (id: string, patch: JobPatch): Job => {
    const j = { ...must(id), ...patch, updatedAt: clock.now() };
    if (patch.schedule && patch.nextRunAt === undefined) j.nextRunAt = firstRun(patch.schedule, j.timeZone, j.bounds, j.runCount);
    jobs.set(id, j);
    return j;
  };
  const matches = (j: Job, f: JobFilter = {}): boolean => {
    const st = f.status === undefined ? undefined : Array.isArray(f.status) ? f.status : [f.status];
    return (
      (!st || st.includes(j.status)) &&
      (!f.kind || j.kind === f.kind) &&
      (!f.ownerPlatform || j.owner.platform === f.ownerPlatform) &&
      (!f.ownerUserId || j.owner.userId === f.ownerUserId) &&
      (!f.originPlatform || j.origin.platform === f.originPlatform) &&
      (!f.originChatId || j.origin.chatId === f.originChatId) &&
      (!f.workflowId || j.workflowId === f.workflowId) &&
      (!f.nextRunAt || j.nextRunAt?.getTime() === f.nextRunAt.getTime())
    );
  };
  return {
    jobs,
    async createJob(input: NewJob) {
      const now = clock.now();
      const id = input.id ?? `j${++seq}`;
      const job: Job = {
        id,
        name: input.name ?? id,
        kind: input.kind,
        payload: input.payload,
        owner: input.owner,
        origin: input.origin,
        schedule: input.schedule,
        bounds: input.bounds ?? {},
        timeZone: input.timeZone,
        status: input.status ?? 'active',
        nextRunAt: firstRun(input.schedule, input.timeZone, input.bounds),
        attempts: 0,
        maxAttempts: 1,
        retries: 3,
        retryDelayMs: 5000,
        timeoutMs: 3600_000,
        workflowId: input.workflowId ?? null,
        successMessage: input.successMessage ?? null,
        failureMessage: input.failureMessage ?? null,
        completionMode: 'notify',
        createdAt: now,
        updatedAt: now,
        lastRunAt: null,
        completedAt: null,
        runCount: 0,
        lastError: null,
      };
      jobs.set(id, job);
      return job;
    },
    async getJob(id) {
      return jobs.get(id);
    },
    async updateJob(id, patch) {
      return update(id, patch);
    },
    async deleteJob(id) {
      return jobs.delete(id);
    },
    // As the stores: every job of the old chat, as movedJobPatch says (no outbox here).
    async moveChat(move) {
      const moved = [...jobs.values()].filter((j) => j.origin.platform === move.platform && j.origin.chatId === move.from);
      for (const j of moved) update(j.id, movedJobPatch(j, move));
      return { jobs: moved.map((j) => j.id), outbox: 0 };
    },
    // As JobOperations: a paused job keeps its next run; resuming keeps it unless it passed
    // meanwhile, when a recurring job goes on at its next fire (a one-off runs late).
    async pauseJob(id) {
      return update(id, { status: 'paused' });
    },
    async resumeJob(id) {
      const j = must(id);
      const now = clock.now();
      const stale = j.nextRunAt === null || j.nextRunAt.getTime() < now.getTime();
      // As JobOperations.resumeJob: a paused one-off whose time passed is due now.
      const nextRunAt = !stale
        ? j.nextRunAt
        : isRecurring(j.schedule)
          ? nextFireWithin(j.schedule, j.timeZone, now, j.bounds, j.runCount)
          : j.status === 'paused' && j.nextRunAt
            ? now
            : j.nextRunAt;
      return update(id, { status: nextRunAt === null && j.schedule.kind !== 'manual' ? 'completed' : 'active', nextRunAt });
    },
    async pauseAll() {
      return [];
    },
    async resumeAll() {
      return [];
    },
    async cancelJob(id) {
      return update(id, { status: 'cancelled', nextRunAt: null });
    },
    async cancelWorkflow(wf) {
      const live = [...jobs.values()].filter((j) => j.workflowId === wf && (j.status === 'active' || j.status === 'paused'));
      for (const j of live) update(j.id, { status: 'cancelled', nextRunAt: null });
      return live.map((j) => j.id);
    },
    async runNow(): Promise<RunRecord | undefined> {
      return undefined;
    },
    async snoozeJob(id, at) {
      return update(id, { status: 'active', nextRunAt: at });
    },
    async listJobs(f) {
      return [...jobs.values()].filter((j) => matches(j, f));
    },
    async pageJobs(f, page) {
      const all = [...jobs.values()].filter((j) => matches(j, f));
      const from = page.after === undefined ? 0 : Number(page.after);
      const slice = all.slice(from, from + page.size);
      return { jobs: slice, ...(from + page.size < all.length ? { next: String(from + page.size) } : {}) };
    },
    async countJobs(f, atMost) {
      const n = [...jobs.values()].filter((j) => matches(j, f)).length;
      return atMost === undefined ? n : Math.min(n, atMost);
    },
    async history() {
      return [];
    },
    async getRun() {
      return undefined;
    },
    async nextRuns() {
      return [];
    },
    async stats() {
      throw new Error('not in fake');
    },
  };
}

/** Notes in memory, under the stores' own access policy (checkMemoryAccess). */
export function fakeNotes(): ChatNotes {
  const notes = new Map<string, Note[]>();
  return {
    add(p, u, text) {
      checkMemoryAccess('write');
      // The chat layer never shows when a note was taken, so a fixed instant will do.
      const l = [...(notes.get(`${p}:${u}`) ?? []), { text, createdAt: new Date(0) }];
      notes.set(`${p}:${u}`, l);
      return l.length;
    },
    list(p, u) {
      checkMemoryAccess('read');
      return notes.get(`${p}:${u}`) ?? [];
    },
    remove(p, u, n) {
      checkMemoryAccess('write');
      const l = notes.get(`${p}:${u}`) ?? [];
      if (n > l.length) return false;
      l.splice(n - 1, 1);
      return true;
    },
  };
}

export function fakePrefs(): ChatPrefs {
  const m = new Map<string, PrefValues>();
  return {
    get: (p, scope, id) => m.get(`${p}:${scope}:${id}`),
    set: (p, scope, id, v) => void m.set(`${p}:${scope}:${id}`, { ...m.get(`${p}:${scope}:${id}`), ...v }),
  };
}

const UNIT: Record<string, number> = { s: 1000, m: 60_000, h: 3600_000, d: 86_400_000 };

/** Understands "in <n><unit> text", "every <n><unit> text" and "tomorrow at 9am text" only. */
export function fakeParse(text: string, opts: ParseOptions): ParseResult {
  const t = text.replace(/^remind me (to )?/i, '').trim();
  let m = /^in (\d+)\s*(s|m|h|d)\w*\s*(.*)$/i.exec(t);
  if (m) {
    const at = new Date(opts.now.getTime() + Number(m[1]) * (UNIT[m[2]!.toLowerCase()] ?? 0));
    return {
      ok: true,
      kind: 'once',
      text: m[3] ?? '',
      schedule: { kind: 'once', at },
      bounds: {},
      timeZone: opts.timeZone,
      spec: 'at',
      next: [at],
    };
  }
  m = /^every (\d+)\s*(s|m|h|d)\w*\s*(.*)$/i.exec(t);
  if (m) {
    const everyMs = Number(m[1]) * (UNIT[m[2]!.toLowerCase()] ?? 0);
    const next = [1, 2, 3, 4].map((k) => new Date(opts.now.getTime() + k * everyMs));
    return {
      ok: true,
      kind: 'recurring',
      text: m[3] ?? '',
      schedule: { kind: 'interval', everyMs, anchor: opts.now },
      bounds: {},
      timeZone: opts.timeZone,
      spec: `every ${everyMs}ms`,
      next,
    };
  }
  m = /^tomorrow at 9am\s*(.*)$/i.exec(t);
  if (m) {
    const at = new Date(Date.UTC(opts.now.getUTCFullYear(), opts.now.getUTCMonth(), opts.now.getUTCDate() + 1, 8));
    return {
      ok: true,
      kind: 'once',
      text: m[1] ?? '',
      schedule: { kind: 'once', at },
      bounds: {},
      timeZone: opts.timeZone,
      spec: '',
      next: [at],
    };
  }
  return { ok: false, error: `I couldn't find a time in "${t}".`, example: '/remind in 10 minutes stretch' };
}
