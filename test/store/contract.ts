import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Address, Job } from '../../src/core/job.js';
import type { ClaimedRun, Lease, OutboxMessage, Settlement } from '../../src/core/run.js';
import { JOB_ID_ALPHABET } from '../../src/store/job-id.js';
import type { JobStore, NewJobRecord } from '../../src/core/ports/job-store.js';
import type { EventLog } from '../../src/core/ports/event-log.js';
import { JobChangedError, editVersion } from '../../src/core/job-version.js';

/** What a store implementation hands the contract suite. */
export interface ContractHarness {
  store: JobStore;
  /** A second connection to the same database, as another process would have. */
  second(): Promise<JobStore>;
  /** Closes everything and opens the same database again. */
  reopen(): Promise<JobStore>;
  /** Closes every connection and removes the database. */
  dispose(): Promise<void>;
}

export const T0 = new Date('2027-01-01T00:00:00.000Z');
export const at = (ms: number): Date => new Date(T0.getTime() + ms);
const MIN = 60_000;
const leaseA: Lease = { owner: 'host-a:1:aaaa', durationMs: MIN };
const leaseB: Lease = { owner: 'host-b:2:bbbb', durationMs: MIN };

/** A minimal reminder due at `dueMs` after T0. */
export function reminder(dueMs: number, extra: Partial<NewJobRecord> = {}): NewJobRecord {
  return {
    kind: 'reminder',
    payload: { text: `due at ${dueMs}` },
    owner: { platform: 'telegram', userId: 'u1', name: 'Sam' },
    origin: { platform: 'telegram', chatId: 'c1', chatType: 'private', threadId: 't9', messageId: 'm5' },
    schedule: { kind: 'once', at: at(dueMs) },
    timeZone: 'Europe/Berlin',
    ...extra,
  };
}

const toChat: Address = { platform: 'telegram', chatId: 'c1', threadId: 't9' };
const msg = (key: string, jobId: string | null = null, text = 'hello'): OutboxMessage => ({ key, jobId, to: toChat, text });

function success(run: ClaimedRun, now: Date, outbox: OutboxMessage[] = []): Settlement {
  return {
    run: { status: 'success', finishedAt: now, durationMs: now.getTime() - run.claimedAt.getTime(), result: 'done', error: null },
    job: { status: 'completed', nextRunAt: null, runCount: run.job.runCount + 1, lastRunAt: now, completedAt: now, attempts: 0 },
    outbox,
  };
}

/**
 * The behaviour every JobStore must have (SQLite now, PostgreSQL later). `make` opens a fresh,
 * empty database for each test.
 */
export function runJobStoreContract(name: string, make: () => Promise<ContractHarness>): void {
  describe(`JobStore contract: ${name}`, () => {
    let h: ContractHarness;
    let store: JobStore;
    beforeEach(async () => {
      h = await make();
      store = h.store;
    });
    afterEach(async () => {
      await h.dispose();
    });

    describe('jobs', () => {
      it('createJob fills defaults and generates a 6-character id from the unambiguous alphabet', async () => {
        const job = await store.createJob(reminder(MIN), T0);
        expect(job.id).toMatch(new RegExp(`^[${JOB_ID_ALPHABET}]{6}$`));
        expect(job).toMatchObject({
          name: 'reminder',
          status: 'active',
          attempts: 0,
          retries: 3,
          maxAttempts: 4,
          retryDelayMs: 5000,
          timeoutMs: 3_600_000,
          workflowId: null,
          completionMode: 'notify',
          runCount: 0,
          lastRunAt: null,
          bounds: {},
        });
        expect(job.nextRunAt).toEqual(at(MIN));
        expect(job.createdAt).toEqual(T0);
      });

      it('generated ids differ across many jobs', async () => {
        const ids = new Set<string>();
        for (let i = 0; i < 200; i++) ids.add((await store.createJob(reminder(i), T0)).id);
        expect(ids.size).toBe(200);
      });

      it('a caller-chosen id is kept, and a taken id is refused', async () => {
        const job = await store.createJob(reminder(MIN, { id: 'mine42' }), T0);
        expect(job.id).toBe('mine42');
        await expect(async () => store.createJob(reminder(MIN, { id: 'mine42' }), T0)).rejects.toMatchObject({ code: 'job.id_taken' });
        expect(await store.countJobs()).toBe(1);
      });

      it('poll jobs default to 120 attempts; nextRunAt given by the scheduler is stored', async () => {
        const job = await store.createJob(
          reminder(0, { kind: 'poll_url', schedule: { kind: 'interval', everyMs: 30_000, anchor: T0 }, nextRunAt: at(30_000) }),
          T0,
        );
        expect(job.maxAttempts).toBe(120);
        expect((await store.getJob(job.id))?.nextRunAt).toEqual(at(30_000));
      });

      it('a non-once schedule without nextRunAt has nothing due', async () => {
        const job = await store.createJob(reminder(0, { schedule: { kind: 'cron', pattern: '0 9 * * *' } }), T0);
        expect(job.nextRunAt).toBeNull();
        expect(await store.nextDueAt()).toBeUndefined();
      });

      it('getJob round-trips every field, with instants in schedules and bounds as Dates', async () => {
        const created = await store.createJob(
          reminder(0, {
            name: 'standup',
            schedule: {
              kind: 'multi',
              triggers: [
                { kind: 'calendar', unit: 'week', step: 2, anchor: '2027-01-05T09:00:00' },
                { kind: 'interval', everyMs: 3_600_000, anchor: at(5) },
                { kind: 'once', at: at(7) },
                { kind: 'cron', pattern: '0 10 * * 6' },
              ],
            },
            bounds: { startAt: at(1), endAt: at(999_999), maxRuns: 5 },
            workflowId: 'wf1',
            successMessage: 'ok {result}',
            failureMessage: 'bad {result}',
            completionMode: 'resume_conversation',
            retries: 1,
            retryDelayMs: 10,
            timeoutMs: 20,
            nextRunAt: at(5),
          }),
          T0,
        );
        const got = await store.getJob(created.id);
        expect(got).toEqual(created);
        const multi = got!.schedule as Extract<Job['schedule'], { kind: 'multi' }>;
        expect(multi.triggers[0]).toEqual({ kind: 'calendar', unit: 'week', step: 2, anchor: '2027-01-05T09:00:00' });
        expect(multi.triggers[1]).toMatchObject({ anchor: at(5) });
        expect(got!.bounds.endAt).toBeInstanceOf(Date);
        expect(await store.getJob('nope99')).toBeUndefined();
      });

      it('updateJob applies a patch, keeps createdAt, moves updatedAt; undefined for a missing job', async () => {
        const job = await store.createJob(reminder(MIN), T0);
        const updated = await store.updateJob(
          job.id,
          { name: 'renamed', status: 'paused', nextRunAt: null, payload: { text: 'x' } },
          at(5),
        );
        expect(updated).toMatchObject({ name: 'renamed', status: 'paused', nextRunAt: null, payload: { text: 'x' } });
        expect(updated!.createdAt).toEqual(T0);
        expect(updated!.updatedAt).toEqual(at(5));
        expect(await store.getJob(job.id)).toEqual(updated);
        expect(await store.updateJob('nope99', { name: 'x' }, at(5))).toBeUndefined();
      });

      it('listJobs filters by status, kind, owner, chat and workflow, soonest first, with limit/offset', async () => {
        const a = await store.createJob(reminder(3 * MIN), T0);
        const b = await store.createJob(reminder(1 * MIN, { workflowId: 'wf' }), T0);
        const c = await store.createJob(reminder(2 * MIN, { kind: 'delay', owner: { platform: 'discord', userId: 'u2' } }), T0);
        const d = await store.createJob(reminder(4 * MIN, { origin: { platform: 'telegram', chatId: 'c2' }, workflowId: 'wf' }), T0);
        await store.updateJob(d.id, { status: 'paused' }, T0);
        const ids = async (f?: Parameters<JobStore['listJobs']>[0]) => (await store.listJobs(f)).map((j) => j.id);
        expect(await ids()).toEqual([b.id, c.id, a.id, d.id]);
        expect(await ids({ status: 'paused' })).toEqual([d.id]);
        expect(await ids({ status: ['active', 'paused'], kind: 'reminder' })).toEqual([b.id, a.id, d.id]);
        expect(await ids({ ownerPlatform: 'discord', ownerUserId: 'u2' })).toEqual([c.id]);
        expect(await ids({ originChatId: 'c2' })).toEqual([d.id]);
        expect(await ids({ workflowId: 'wf' })).toEqual([b.id, d.id]);
        expect(await ids({ nextRunAt: new Date(T0.getTime() + 2 * MIN) })).toEqual([c.id]);
        expect(await ids({ nextRunAt: new Date(T0.getTime() + 2 * MIN + 1) })).toEqual([]);
        expect(await ids({ limit: 2 })).toEqual([b.id, c.id]);
        expect(await ids({ limit: 2, offset: 2 })).toEqual([a.id, d.id]);
        expect(await store.countJobs()).toBe(4);
        expect(await store.countJobs({ status: 'active', ownerUserId: 'u1' })).toBe(2);
        expect(await store.countJobs({ workflowId: 'wf', limit: 1 })).toBe(2);
      });

      it('countJobs counts live jobs of one chat (platform and id) or one owner, and stops at atMost', async () => {
        const chat = { platform: 'telegram', chatId: 'g1', chatType: 'group' as const };
        for (let i = 0; i < 5; i++) await store.createJob(reminder(MIN + i, { origin: chat }), T0);
        const done = await store.createJob(reminder(MIN, { origin: chat }), T0);
        await store.updateJob(done.id, { status: 'completed', nextRunAt: null }, T0);
        const paused = await store.createJob(reminder(MIN, { origin: chat }), T0);
        await store.updateJob(paused.id, { status: 'paused' }, T0);
        // Same chat id on another platform: another chat.
        await store.createJob(
          reminder(MIN, { origin: { ...chat, platform: 'discord' }, owner: { platform: 'discord', userId: 'u1' } }),
          T0,
        );
        const live = { originPlatform: 'telegram', originChatId: 'g1', status: ['active', 'paused'] as Array<'active' | 'paused'> };
        expect(await store.countJobs(live)).toBe(6);
        expect(await store.countJobs(live, 4)).toBe(4);
        expect(await store.countJobs(live, 100)).toBe(6);
        expect(await store.countJobs({ ...live, originPlatform: 'discord' })).toBe(1);
        expect(await store.countJobs({ ownerPlatform: 'telegram', ownerUserId: 'u1', status: ['active', 'paused'] }, 3)).toBe(3);
        expect(await store.countJobs({ originChatId: 'g1' })).toBe(8);
      });

      it('pageJobs walks every matching job in creation order, a page at a time, whatever the due times', async () => {
        const made: string[] = [];
        for (let i = 0; i < 7; i++) made.push((await store.createJob(reminder((7 - i) * MIN, i === 3 ? { kind: 'delay' } : {}), T0)).id);
        const walk = async (f: Parameters<JobStore['pageJobs']>[0], size: number) => {
          const seen: string[][] = [];
          let after: string | undefined;
          do {
            const page = await store.pageJobs(f, { size, ...(after !== undefined ? { after } : {}) });
            seen.push(page.jobs.map((j) => j.id));
            after = page.next;
          } while (after !== undefined);
          return seen;
        };
        expect(await walk({}, 3)).toEqual([made.slice(0, 3), made.slice(3, 6), made.slice(6)]);
        // `next` only when another page holds jobs: six matches in pages of two end without an empty page.
        expect(await walk({ kind: 'reminder' }, 2)).toEqual([
          [made[0], made[1]],
          [made[2], made[4]],
          [made[5], made[6]],
        ]);
        expect(await walk({ kind: 'nothing' }, 5)).toEqual([[]]);
        // Jobs made while paging appear at the end, never twice.
        const first = await store.pageJobs({}, { size: 4 });
        const late = await store.createJob(reminder(0), T0);
        const rest = await store.pageJobs({}, { size: 10, after: first.next! });
        expect([...first.jobs, ...rest.jobs].map((j) => j.id)).toEqual([...made, late.id]);
      });

      it('pageJobs sorts by next run (nothing due counts as latest), name, id, update and creation, both ways, keyset pages', async () => {
        const mk = (name: string, dueMs: number | null, extra: Partial<NewJobRecord> = {}) =>
          store.createJob(
            reminder(dueMs ?? 0, {
              name,
              ...(dueMs === null ? { schedule: { kind: 'manual' } } : { nextRunAt: at(dueMs) }),
              ...extra,
            }),
            T0,
          );
        const jobs = [
          await mk('delta', 3 * MIN),
          await mk('Alpha', 5 * MIN),
          await mk('charlie', null),
          await mk('bravo', 1 * MIN),
          await mk('echo', 3 * MIN),
        ];
        const id = (n: string) => jobs.find((j) => j.name === n)!.id;
        const walk = async (order: { key: 'created' | 'id' | 'name' | 'next_run' | 'updated'; desc?: boolean }, size = 2) => {
          const out: string[] = [];
          let after: string | undefined;
          for (let i = 0; i < 10; i++) {
            const page = await store.pageJobs({}, { size, order, ...(after !== undefined ? { after } : {}) });
            out.push(...page.jobs.map((j) => j.name));
            after = page.next;
            if (after === undefined) break;
          }
          return out;
        };
        // Ties (delta and echo, both due at 3 min) in creation order, reversed when descending.
        expect(await walk({ key: 'next_run' })).toEqual(['bravo', 'delta', 'echo', 'Alpha', 'charlie']);
        expect(await walk({ key: 'next_run', desc: true })).toEqual(['charlie', 'Alpha', 'echo', 'delta', 'bravo']);
        expect(await walk({ key: 'name' }, 3)).toEqual(['Alpha', 'bravo', 'charlie', 'delta', 'echo']);
        expect(await walk({ key: 'name', desc: true })).toEqual(['echo', 'delta', 'charlie', 'bravo', 'Alpha']);
        expect(await walk({ key: 'created', desc: true })).toEqual(['echo', 'bravo', 'charlie', 'Alpha', 'delta']);
        const byId = [...jobs].sort((a, b) => (a.id < b.id ? -1 : 1)).map((j) => j.name);
        expect(await walk({ key: 'id' })).toEqual(byId);
        expect(await walk({ key: 'id', desc: true })).toEqual([...byId].reverse());
        await store.updateJob(id('charlie'), { name: 'charlie' }, at(1));
        expect((await walk({ key: 'updated', desc: true }))[0]).toBe('charlie');
        // A job added between pages lands where it sorts; the pages neither repeat nor skip one.
        const first = await store.pageJobs({}, { size: 2, order: { key: 'name' } });
        await mk('aardvark', 0);
        await mk('zulu', 0);
        const rest = await store.pageJobs({}, { size: 10, order: { key: 'name' }, after: first.next! });
        expect([...first.jobs, ...rest.jobs].map((j) => j.name)).toEqual(['Alpha', 'bravo', 'charlie', 'delta', 'echo', 'zulu']);
      });

      it("filters by recurrence (the schedule engine's rule, stored with the schedule) and by text in name, reminder text or command", async () => {
        const once = await store.createJob(reminder(MIN, { name: 'Dentist', payload: { text: 'Call the 100% dentist' } }), T0);
        const daily = await store.createJob(
          reminder(MIN, { name: 'standup', schedule: { kind: 'cron', pattern: '0 9 * * *' }, nextRunAt: at(MIN) }),
          T0,
        );
        const multiOnce = await store.createJob(
          reminder(MIN, {
            name: 'two dates',
            schedule: {
              kind: 'multi',
              triggers: [
                { kind: 'once', at: at(MIN) },
                { kind: 'once', at: at(2 * MIN) },
              ],
            },
          }),
          T0,
        );
        const cmd = await store.createJob(
          reminder(MIN, { name: 'backup', kind: 'command', payload: { command: '/list "quoted"' }, schedule: { kind: 'manual' } }),
          T0,
        );
        const ids = async (f: Parameters<JobStore['pageJobs']>[0]) => (await store.pageJobs(f, { size: 50 })).jobs.map((j) => j.id);
        expect(await ids({ recurring: true })).toEqual([daily.id]);
        expect(await ids({ recurring: false })).toEqual([once.id, multiOnce.id, cmd.id]);
        // A schedule changed to a repeating one is found as recurring.
        await store.updateJob(once.id, { schedule: { kind: 'interval', everyMs: MIN, anchor: T0 } }, at(1));
        expect(await ids({ recurring: true })).toEqual([once.id, daily.id]);
        expect(await ids({ text: 'DENTIST' })).toEqual([once.id]);
        expect(await ids({ text: '100%' })).toEqual([once.id]);
        expect(await ids({ text: '1_0' })).toEqual([]);
        expect(await ids({ text: '/LIST "quoted' })).toEqual([cmd.id]);
        expect(await ids({ text: 'text' })).toEqual([]);
        expect(await ids({ text: 'up', recurring: true })).toEqual([daily.id]);
        expect(await store.countJobs({ text: 'd' })).toBe(4);
      });

      it('updateJobs patches every job matching the filter in one go and returns their ids', async () => {
        const a = await store.createJob(reminder(MIN, { workflowId: 'wf' }), T0);
        const b = await store.createJob(reminder(MIN, { workflowId: 'wf' }), T0);
        await store.createJob(reminder(MIN), T0);
        const changed = await store.updateJobs({ workflowId: 'wf' }, { status: 'cancelled', nextRunAt: null }, at(1));
        expect(changed.sort()).toEqual([a.id, b.id].sort());
        expect(await store.countJobs({ status: 'cancelled' })).toBe(2);
        expect(await store.nextDueAt()).toEqual(at(MIN));
      });

      it('deleteJob removes the job and reports whether it existed', async () => {
        const job = await store.createJob(reminder(MIN), T0);
        expect(await store.deleteJob(job.id)).toBe(true);
        expect(await store.getJob(job.id)).toBeUndefined();
        expect(await store.deleteJob(job.id)).toBe(false);
      });

      describe('expected version (If-Match), checked on the row the write locks', () => {
        /** The events of the log so far: a refused write must add none. */
        const events = async () => (await (store as unknown as EventLog).listEvents({ since: 0, limit: 1000 })).map((e) => e.id);
        /** The store's answer as a promise (SQLite throws synchronously, PostgreSQL rejects). */
        const attempt = async <T>(write: () => T | Promise<T>): Promise<T> => write();

        it('updateJob with a stale version changes nothing, records no event, and reports the job as it is now', async () => {
          const job = await store.createJob(reminder(MIN, { name: 'tea' }), T0);
          const readByEditor = editVersion(job);
          // Another writer (a second tab, the CLI) changes the job after the editor read it.
          const other = await store.updateJob(job.id, { name: 'green tea' }, at(1));
          const before = await events();
          const refused = await attempt(() => store.updateJob(job.id, { name: 'black tea' }, at(2), { expectVersion: readByEditor })).catch(
            (e: unknown) => e,
          );
          expect(refused).toBeInstanceOf(JobChangedError);
          expect((refused as JobChangedError).job).toEqual(other);
          expect(await store.getJob(job.id)).toEqual(other);
          expect(await events()).toEqual(before);
          // The version it is now applies.
          const applied = await store.updateJob(job.id, { name: 'black tea' }, at(3), { expectVersion: editVersion(other!) });
          expect(applied).toMatchObject({ name: 'black tea', updatedAt: at(3) });
          expect(await store.updateJob('nope99', { name: 'x' }, at(4), { expectVersion: readByEditor })).toBeUndefined();
        });

        it('deleteJob with a stale version deletes nothing, records no event, and reports the job as it is now', async () => {
          const job = await store.createJob(reminder(MIN), T0);
          const readByEditor = editVersion(job);
          const other = await store.updateJob(job.id, { status: 'paused' }, at(1));
          const before = await events();
          const refused = await attempt(() => store.deleteJob(job.id, at(2), { expectVersion: readByEditor })).catch((e: unknown) => e);
          expect(refused).toBeInstanceOf(JobChangedError);
          expect((refused as JobChangedError).job).toEqual(other);
          expect(await store.getJob(job.id)).toEqual(other);
          expect(await events()).toEqual(before);
          expect(await store.deleteJob(job.id, at(3), { expectVersion: editVersion(other!) })).toBe(true);
          expect(await store.getJob(job.id)).toBeUndefined();
          expect(await store.deleteJob(job.id, at(4), { expectVersion: readByEditor })).toBe(false);
        });
      });

      it('deleting a job during its run abandons the run, and its settle is ignored', async () => {
        const job = await store.createJob(reminder(0), T0);
        const [run] = await store.claimDue(at(1), 10, leaseA);
        expect(await store.deleteJob(job.id, at(2))).toBe(true);
        expect((await store.listRuns({ jobId: job.id }))[0]?.status).toBe('abandoned');
        expect(await store.settle(run!, success(run!, at(3), [msg('k', job.id)]), at(3))).toBe(false);
        expect(await store.listOutbox()).toEqual([]);
      });
    });

    describe('claims', () => {
      it('nextDueAt is the earliest active due time and ignores paused or finished jobs', async () => {
        expect(await store.nextDueAt()).toBeUndefined();
        const early = await store.createJob(reminder(1 * MIN), T0);
        await store.createJob(reminder(5 * MIN), T0);
        await store.createJob(reminder(0, { status: 'paused', nextRunAt: at(10) }), T0);
        expect(await store.nextDueAt()).toEqual(at(MIN));
        await store.updateJob(early.id, { status: 'completed', nextRunAt: null }, T0);
        expect(await store.nextDueAt()).toEqual(at(5 * MIN));
      });

      it('a leased job counts for nextDueAt by its lease expiry, not its due time', async () => {
        await store.createJob(reminder(0), T0);
        await store.claimDue(at(0), 10, leaseA);
        expect(await store.nextDueAt()).toEqual(at(leaseA.durationMs));
      });

      it('claimDue takes due jobs oldest first, at most `limit`, never future or paused ones', async () => {
        const j3 = await store.createJob(reminder(3000), T0);
        const j1 = await store.createJob(reminder(1000), T0);
        const j2 = await store.createJob(reminder(2000), T0);
        await store.createJob(reminder(9000), T0);
        await store.createJob(reminder(500, { status: 'paused', nextRunAt: at(500) }), T0);
        const first = await store.claimDue(at(5000), 2, leaseA);
        expect(first.map((r) => r.job.id)).toEqual([j1.id, j2.id]);
        expect(first[0]).toMatchObject({
          scheduledFor: at(1000),
          claimedAt: at(5000),
          leaseOwner: leaseA.owner,
          trigger: 'schedule',
          attempt: 1,
        });
        expect(first[0]!.leaseExpiresAt).toEqual(at(5000 + MIN));
        const second = await store.claimDue(at(5000), 10, leaseA);
        expect(second.map((r) => r.job.id)).toEqual([j3.id]);
        expect(await store.claimDue(at(5000), 10, leaseA)).toEqual([]);
        expect(await store.claimDue(at(5000), 0, leaseA)).toEqual([]);
      });

      it('claimDue with lanes: jobs due after freshAfter first and within their limit, then the oldest backlog within its own', async () => {
        const old = [
          await store.createJob(reminder(1000), T0),
          await store.createJob(reminder(2000), T0),
          await store.createJob(reminder(3000), T0),
        ];
        const fresh = [
          await store.createJob(reminder(6000), T0),
          await store.createJob(reminder(7000), T0),
          await store.createJob(reminder(8000), T0),
        ];
        await store.createJob(reminder(9000), T0); // not due yet
        const lanes = { freshAfter: at(5000), freshLimit: 2, backlogLimit: 1 };
        const first = await store.claimDue(at(8500), 10, leaseA, lanes);
        expect(first.map((r) => r.job.id)).toEqual([fresh[0]!.id, fresh[1]!.id, old[0]!.id]);
        // The whole limit caps both lanes; the on-time lane is served first.
        const second = await store.claimDue(at(8500), 2, leaseA, { freshAfter: at(5000), freshLimit: 5, backlogLimit: 5 });
        expect(second.map((r) => r.job.id)).toEqual([fresh[2]!.id, old[1]!.id]);
        // A backlog limit of 0 leaves the backlog alone even with room to spare.
        expect(await store.claimDue(at(8500), 10, leaseA, { freshAfter: at(5000), freshLimit: 5, backlogLimit: 0 })).toEqual([]);
        expect((await store.claimDue(at(8500), 10, leaseA)).map((r) => r.job.id)).toEqual([old[2]!.id]);
      });

      describe('claimDueSettlingInstant (instant runs settled in the claim)', () => {
        /** Settles every run whose reminder text is not `pool`, with one message keyed by its job. */
        const decideAll = (run: ClaimedRun, now: Date): Settlement | undefined =>
          (run.job.payload as { text: string }).text === 'pool' ? undefined : success(run, now, [msg(`k-${run.job.id}`, run.job.id)]);

        it("hands decide the job as stored, every field (the due row is read with only its Job's columns)", async () => {
          const job = await store.createJob(
            reminder(1000, { name: 'water', successMessage: 'done: {result}', failureMessage: 'oops', workflowId: 'wf1', retries: 2 }),
            T0,
          );
          const stored = await store.getJob(job.id);
          let seen: ClaimedRun | undefined;
          await store.claimDueSettlingInstant!(at(3000), 10, leaseA, undefined, (run) => {
            seen = run;
            return decideAll(run, at(3000));
          });
          expect(seen?.job).toEqual(stored);
          expect(seen).toMatchObject({
            scheduledFor: at(1000),
            claimedAt: at(3000),
            leaseOwner: leaseA.owner,
            trigger: 'schedule',
            attempt: 1,
          });
          expect(seen?.leaseExpiresAt).toEqual(at(3000 + leaseA.durationMs));
        });

        it('settles the runs decide answers in the same transaction, leases the rest, oldest first, with their events', async () => {
          const j1 = await store.createJob(reminder(1000), T0);
          const pool = await store.createJob(reminder(1500, { payload: { text: 'pool' } }), T0);
          const j2 = await store.createJob(reminder(2000), T0);
          await store.createJob(reminder(9000), T0); // not due
          const asked: string[] = [];
          const claims = await store.claimDueSettlingInstant!(at(3000), 10, leaseA, undefined, (run) => {
            asked.push(run.job.id);
            return decideAll(run, at(3000));
          });
          expect(asked).toEqual([j1.id, pool.id, j2.id]);
          expect(claims.map((c) => [c.run.job.id, c.settled])).toEqual([
            [j1.id, true],
            [pool.id, undefined],
            [j2.id, true],
          ]);
          expect(claims[0]!.run).toMatchObject({ scheduledFor: at(1000), claimedAt: at(3000), trigger: 'schedule', attempt: 1 });
          expect(claims[0]!.run.runId).toMatch(new RegExp(`^[0-9a-f]{12}-${j1.id}-[0-9a-f]{4}$`));
          // Settled: completed, no lease, one success row and one message each.
          for (const job of [j1, j2]) {
            expect(await store.getJob(job.id)).toMatchObject({ status: 'completed', nextRunAt: null, runCount: 1 });
            const runs = await store.listRuns({ jobId: job.id });
            expect(runs).toHaveLength(1);
            expect(runs[0]).toMatchObject({ status: 'success', scheduledFor: expect.any(Date), startedAt: at(3000) });
          }
          expect((await store.listOutbox()).map((m) => m.key).sort()).toEqual([`k-${j1.id}`, `k-${j2.id}`].sort());
          // The pool's run holds a lease (running), as a plain claim leaves it; nobody else gets it.
          expect((await store.listRuns({ jobId: pool.id }))[0]).toMatchObject({ status: 'running', runId: claims[1]!.run.runId });
          expect(await store.claimDue(at(3001), 10, leaseB)).toEqual([]);
          expect(await store.settle(claims[1]!.run, success(claims[1]!.run, at(3100)), at(3100))).toBe(true);
          // Events: each start, then each outcome.
          // Both stores are the event log too.
          const log = store as unknown as EventLog;
          const events = (await log.listEvents({ since: 0, limit: 100 })).filter((e) => e.type.startsWith('run.'));
          expect(events.filter((e) => e.type === 'run.started').map((e) => e.jobId)).toEqual([j1.id, pool.id, j2.id]);
          expect(events.filter((e) => e.type === 'run.succeeded')).toHaveLength(3);
        });

        it('a job another claim holds is skipped, and nothing runs twice across two connections', async () => {
          const ids = new Set<string>();
          for (let i = 0; i < 60; i++) ids.add((await store.createJob(reminder(100 + i), T0)).id);
          const held = await store.claimDue(at(5000), 5, leaseA);
          const other = await h.second();
          const settled: string[] = [];
          for (let round = 0; round < 20; round++) {
            const got = await Promise.all([
              store.claimDueSettlingInstant!(at(5000), 7, leaseA, undefined, (r) => decideAll(r, at(5000))),
              other.claimDueSettlingInstant!(at(5000), 7, leaseB, undefined, (r) => decideAll(r, at(5000))),
            ]);
            for (const c of got.flat()) if (c.settled) settled.push(c.run.job.id);
            if (got.flat().length === 0) break;
          }
          expect(new Set(settled).size).toBe(settled.length);
          expect(settled.sort()).toEqual([...ids].filter((id) => !held.some((r) => r.job.id === id)).sort());
          expect((await store.listOutbox()).length).toBe(55);
        });

        it('a settle that throws leaves nothing claimed or written', async () => {
          const job = await store.createJob(reminder(1000), T0);
          const broken = (run: ClaimedRun): Settlement => ({
            ...success(run, at(2000)),
            outbox: [{ key: 'x', jobId: run.job.id, to: undefined as unknown as Address, text: 'x' }],
          });
          await expect(async () => store.claimDueSettlingInstant!(at(2000), 10, leaseA, undefined, broken)).rejects.toThrow();
          expect(await store.listRuns({ jobId: job.id })).toEqual([]);
          expect(await store.getJob(job.id)).toMatchObject({ status: 'active', runCount: 0 });
          expect((await store.claimDue(at(2000), 10, leaseA)).map((r) => r.job.id)).toEqual([job.id]);
        });
      });

      it('dueTimes: the earliest due time, the earliest after an instant, and the earliest lease expiry', async () => {
        expect(await store.dueTimes(at(0))).toEqual({});
        await store.createJob(reminder(1000), T0);
        await store.createJob(reminder(4000), T0);
        await store.createJob(reminder(500, { status: 'paused', nextRunAt: at(500) }), T0);
        expect(await store.dueTimes(at(2000))).toEqual({ due: at(1000), dueAfter: at(4000) });
        expect(await store.dueTimes(at(4000))).toEqual({ due: at(1000) });
        await store.claimDue(at(1500), 1, leaseA);
        expect(await store.dueTimes(at(0))).toEqual({ due: at(4000), dueAfter: at(4000), leaseExpiry: at(1500 + MIN) });
      });

      it('a claim writes a running history row with lateness and the ghost session id', async () => {
        const job = await store.createJob(reminder(1000), T0);
        const [run] = await store.claimDue(at(1250), 10, leaseA);
        const [row] = await store.listRuns({ jobId: job.id });
        expect(row).toMatchObject({
          runId: run!.runId,
          status: 'running',
          scheduledFor: at(1000),
          startedAt: at(1250),
          lateMs: 250,
          trigger: 'schedule',
          attempt: 1,
          finishedAt: null,
          ghostSessionId: `ghost_scheduler_${job.id}`,
        });
      });

      it('a job with attempts left from a failure is claimed as a retry with the next attempt number', async () => {
        const job = await store.createJob(reminder(0), T0);
        await store.updateJob(job.id, { attempts: 2 }, T0);
        const [run] = await store.claimDue(at(1), 10, leaseA);
        expect(run).toMatchObject({ trigger: 'retry', attempt: 3 });
      });

      it('no double claim while leased: another owner (and another connection) gets nothing', async () => {
        await store.createJob(reminder(0), T0);
        expect(await store.claimDue(at(1), 10, leaseA)).toHaveLength(1);
        expect(await store.claimDue(at(2), 10, leaseB)).toEqual([]);
        const other = await h.second();
        expect(await other.claimDue(at(MIN - 1), 10, leaseB)).toEqual([]);
      });

      it('after lease expiry a claim takes the occurrence over and the old run becomes abandoned', async () => {
        const job = await store.createJob(reminder(1000), T0);
        const [old] = await store.claimDue(at(1000), 10, leaseA);
        const [taken] = await store.claimDue(at(1000 + MIN), 10, leaseB);
        expect(taken).toMatchObject({ leaseOwner: leaseB.owner, scheduledFor: at(1000), trigger: 'schedule' });
        expect(taken!.runId).not.toBe(old!.runId);
        const runs = await store.listRuns({ jobId: job.id });
        expect(runs.find((r) => r.runId === old!.runId)).toMatchObject({ status: 'abandoned', finishedAt: at(1000 + MIN) });
        expect(runs.find((r) => r.runId === taken!.runId)?.status).toBe('running');
        // The original owner wakes up late: its settle is ignored and writes nothing.
        expect(await store.settle(old!, success(old!, at(MIN + 2000), [msg('late', job.id)]), at(MIN + 2000))).toBe(false);
        expect(await store.listOutbox()).toEqual([]);
        expect((await store.getJob(job.id))?.status).toBe('active');
        expect(await store.settle(taken!, success(taken!, at(MIN + 3000), [msg('ok', job.id)]), at(MIN + 3000))).toBe(true);
        expect((await store.listOutbox()).map((m) => m.key)).toEqual(['ok']);
      });

      it('an occurrence abandoned three times (its run keeps killing the process) fails the job instead of running again', async () => {
        const job = await store.createJob(reminder(0), T0);
        let now = 0;
        for (let i = 0; i < 3; i++) {
          expect(await store.claimDue(at(now), 10, i % 2 ? leaseA : leaseB)).toHaveLength(1);
          now += MIN;
        }
        expect(await store.claimDue(at(now), 10, leaseA)).toEqual([]);
        expect(await store.getJob(job.id)).toMatchObject({ status: 'failed', nextRunAt: null });
        expect((await store.getJob(job.id))?.lastError).toMatch(/abandoned 3 times/);
        expect(await store.listRuns({ jobId: job.id, status: 'abandoned' })).toHaveLength(3);
        expect(await store.nextDueAt()).toBeUndefined();
      });

      it('an expired lease on a job that is no longer active is dropped without running it', async () => {
        const job = await store.createJob(reminder(0), T0);
        const [old] = await store.claimDue(at(0), 10, leaseA);
        await store.updateJob(job.id, { status: 'paused' }, at(1));
        expect(await store.claimDue(at(MIN + 1), 10, leaseB)).toEqual([]);
        expect((await store.listRuns({ jobId: job.id }))[0]).toMatchObject({ runId: old!.runId, status: 'abandoned' });
        expect(await store.nextDueAt()).toBeUndefined();
      });

      it('extendLeases keeps a long run from being taken over', async () => {
        await store.createJob(reminder(0), T0);
        const [run] = await store.claimDue(at(0), 10, leaseA);
        await store.extendLeases([run!.runId], at(MIN - 1000), leaseA);
        expect(await store.claimDue(at(MIN + 1000), 10, leaseB)).toEqual([]);
        await store.extendLeases([run!.runId], at(MIN + 1000), leaseB); // not B's lease: no effect
        expect(await store.claimDue(at(2 * MIN - 1000 + 1), 10, leaseB)).toHaveLength(1);
      });

      it('extendLeases finds runs of jobs with caller-chosen ids of any shape', async () => {
        for (const id of ['my-job-1', 'x', 'a-b-c-d-e-f-g-h']) await store.createJob(reminder(0, { id }), T0);
        const runs = await store.claimDue(at(0), 10, leaseA);
        expect(runs).toHaveLength(3);
        await store.extendLeases(
          runs.map((r) => r.runId),
          at(MIN - 1),
          leaseA,
        );
        expect(await store.claimDue(at(MIN + 1), 10, leaseB)).toEqual([]);
        expect(await store.nextDueAt()).toEqual(at(2 * MIN - 1));
      });

      it('releaseClaim gives the occurrence back unrun: claimable again, no history row', async () => {
        const job = await store.createJob(reminder(0), T0);
        const [run] = await store.claimDue(at(1), 10, leaseA);
        await store.releaseClaim(run!);
        expect(await store.listRuns({ jobId: job.id })).toEqual([]);
        expect(await store.nextDueAt()).toEqual(at(0));
        const [again] = await store.claimDue(at(2), 10, leaseB);
        expect(again).toMatchObject({ scheduledFor: at(0), leaseOwner: leaseB.owner });
      });

      it('claimJob runs a job now regardless of schedule, but not while another lease holds it', async () => {
        const job = await store.createJob(reminder(0, { schedule: { kind: 'manual' } }), T0);
        const run = await store.claimJob(job.id, at(5), leaseA);
        expect(run).toMatchObject({ trigger: 'manual', scheduledFor: at(5), attempt: 1 });
        expect(await store.claimJob(job.id, at(6), leaseB)).toBeUndefined();
        expect(await store.claimJob('nope99', at(6), leaseB)).toBeUndefined();
        const later = await store.claimJob(job.id, at(5 + MIN), leaseB);
        expect(later?.leaseOwner).toBe(leaseB.owner);
        expect((await store.listRuns({ jobId: job.id, status: 'abandoned' })).map((r) => r.runId)).toEqual([run!.runId]);
      });
    });

    describe('settle', () => {
      it('writes the run outcome, the job state and the outbox rows, and drops the lease', async () => {
        const job = await store.createJob(reminder(0), T0);
        const [run] = await store.claimDue(at(10), 10, leaseA);
        expect(await store.settle(run!, success(run!, at(40), [msg(`${job.id}:0:result`, job.id)]), at(40))).toBe(true);
        expect(await store.getJob(job.id)).toMatchObject({
          status: 'completed',
          nextRunAt: null,
          runCount: 1,
          lastRunAt: at(40),
          completedAt: at(40),
          updatedAt: at(40),
        });
        expect((await store.listRuns({ jobId: job.id }))[0]).toMatchObject({
          status: 'success',
          finishedAt: at(40),
          durationMs: 30,
          result: 'done',
        });
        const [out] = await store.listOutbox({ jobId: job.id });
        expect(out).toMatchObject({
          key: `${job.id}:0:result`,
          status: 'pending',
          to: toChat,
          text: 'hello',
          attempts: 0,
          availableAt: at(40),
        });
        expect(await store.nextOutboxAt()).toEqual(at(40));
        // Lease dropped: a recurring job would be claimable again.
        await store.updateJob(job.id, { status: 'active', nextRunAt: at(50) }, at(41));
        expect(await store.claimDue(at(50), 10, leaseB)).toHaveLength(1);
      });

      it('keeps fields the settlement leaves out (recurring job gets its next run)', async () => {
        const job = await store.createJob(reminder(0, { schedule: { kind: 'interval', everyMs: 1000, anchor: T0 }, nextRunAt: at(0) }), T0);
        const [run] = await store.claimDue(at(0), 10, leaseA);
        await store.settle(
          run!,
          {
            run: { status: 'failure', finishedAt: at(5), durationMs: 5, result: null, error: 'boom' },
            job: { status: 'active', nextRunAt: at(1000), lastError: 'boom' },
            outbox: [],
          },
          at(5),
        );
        expect(await store.getJob(job.id)).toMatchObject({
          status: 'active',
          nextRunAt: at(1000),
          runCount: 0,
          lastError: 'boom',
          attempts: 0,
        });
        expect(await store.nextDueAt()).toEqual(at(1000));
      });

      it('a job paused or cancelled while its run was in progress stays paused or cancelled', async () => {
        const recurring = (id: string) => reminder(0, { id, schedule: { kind: 'interval', everyMs: 1000, anchor: T0 }, nextRunAt: at(0) });
        await store.createJob(recurring('pause1'), T0);
        await store.createJob(recurring('cancl1'), T0);
        const runs = await store.claimDue(at(0), 10, leaseA);
        await store.updateJob('pause1', { status: 'paused', nextRunAt: null }, at(5));
        await store.updateJob('cancl1', { status: 'cancelled', nextRunAt: null }, at(5));
        for (const run of runs) {
          const settlement: Settlement = {
            run: { status: 'success', finishedAt: at(9), durationMs: 9, result: 'ok', error: null },
            job: { status: 'active', nextRunAt: at(1000), runCount: 1, lastRunAt: at(9) },
            outbox: [],
          };
          expect(await store.settle(run, settlement, at(9))).toBe(true);
        }
        expect(await store.getJob('pause1')).toMatchObject({ status: 'paused', nextRunAt: null, runCount: 1, lastRunAt: at(9) });
        expect(await store.getJob('cancl1')).toMatchObject({ status: 'cancelled', nextRunAt: null, runCount: 1 });
        expect(await store.nextDueAt()).toBeUndefined();
      });

      it('a job snoozed or brought back while its run was in progress keeps that status and next run', async () => {
        const once = (id: string) => reminder(0, { id, nextRunAt: at(0) });
        await store.createJob(once('snooz1'), T0);
        await store.createJob(once('undo01'), T0);
        await store.createJob(once('plain1'), T0);
        const runs = await store.claimDue(at(0), 10, leaseA);
        expect(runs).toHaveLength(3);
        // A snooze during the run; a cancel and its Undo during the run (active again, another time).
        await store.updateJob('snooz1', { status: 'active', nextRunAt: at(600), completedAt: null, attempts: 0 }, at(5));
        await store.updateJob('undo01', { status: 'cancelled', nextRunAt: null, completedAt: at(5) }, at(5));
        await store.updateJob('undo01', { status: 'active', nextRunAt: at(700), completedAt: null }, at(6));
        // A change that is not where the job stands (a rename) does not hold the settle's state back.
        await store.updateJob('plain1', { name: 'renamed' }, at(6));
        for (const run of runs) {
          const settlement: Settlement = {
            run: { status: 'success', finishedAt: at(9), durationMs: 9, result: 'ok', error: null },
            job: { status: 'completed', nextRunAt: null, runCount: 1, lastRunAt: at(9), completedAt: at(9), attempts: 0 },
            outbox: [],
          };
          expect(await store.settle(run, settlement, at(9))).toBe(true);
        }
        expect(await store.getJob('snooz1')).toMatchObject({ status: 'active', nextRunAt: at(600), completedAt: null, runCount: 1 });
        expect(await store.getJob('undo01')).toMatchObject({ status: 'active', nextRunAt: at(700), completedAt: null, runCount: 1 });
        expect(await store.getJob('plain1')).toMatchObject({ status: 'completed', nextRunAt: null, name: 'renamed', runCount: 1 });
        expect(await store.nextDueAt()).toEqual(at(600));
      });

      it('is one transaction: a failure mid-way (bad outbox row after run and job writes) leaves nothing written', async () => {
        const job = await store.createJob(reminder(0), T0);
        const [run] = await store.claimDue(at(1), 10, leaseA);
        const bad = { key: 'bad', jobId: job.id, to: undefined, text: 'x' } as unknown as OutboxMessage;
        await expect(async () => store.settle(run!, success(run!, at(2), [msg('good', job.id), bad]), at(2))).rejects.toThrow();
        expect(await store.getJob(job.id)).toMatchObject({ status: 'active', runCount: 0, completedAt: null });
        expect((await store.listRuns({ jobId: job.id }))[0]?.status).toBe('running');
        expect(await store.listOutbox()).toEqual([]);
        // Still leased by A, so A can settle properly afterwards.
        expect(await store.settle(run!, success(run!, at(3), [msg('good', job.id)]), at(3))).toBe(true);
      });

      it('a repeated run with the same outbox key adds no second message (effectively-once)', async () => {
        const job = await store.createJob(reminder(0), T0);
        const key = `${job.id}:${at(0).toISOString()}:result`;
        await store.enqueueOutbox([msg(key, job.id, 'first')], at(1));
        const [run] = await store.claimDue(at(2), 10, leaseA);
        await store.settle(run!, success(run!, at(3), [msg(key, job.id, 'second')]), at(3));
        await store.enqueueOutbox([msg(key, job.id, 'third'), msg('other')], at(4));
        const rows = await store.listOutbox();
        expect(rows.map((r) => [r.key, r.text])).toEqual([
          [key, 'first'],
          ['other', 'hello'],
        ]);
      });
    });

    describe('outbox', () => {
      it('round-trips address, actions and meta', async () => {
        const m: OutboxMessage = {
          key: 'k',
          jobId: null,
          to: { platform: 'discord', chatId: 'ch', threadId: 'th', replyTo: 'r1' },
          text: 'hi',
          actions: [
            [
              { id: 'snooze:1', label: 'Snooze' },
              { id: 'done:1', label: 'Done' },
            ],
          ],
          meta: { mention: 'u1', n: 2 },
        };
        await store.enqueueOutbox([m], T0);
        const [row] = await store.listOutbox();
        expect(row).toMatchObject({ ...m, status: 'pending', sentAt: null, lastError: null, sentRef: null, createdAt: T0 });
        expect(await store.getOutbox(row!.id)).toEqual(row);
        expect(await store.getOutbox(999_999)).toBeUndefined();
      });

      it('claims available messages in creation order under a lease; nobody else gets them until it expires', async () => {
        await store.enqueueOutbox([msg('b')], at(2));
        await store.enqueueOutbox([{ ...msg('a'), to: { platform: 'telegram', chatId: 'c2' } }], at(1));
        await store.enqueueOutbox([{ ...msg('later'), to: { platform: 'telegram', chatId: 'c3' } }], at(100));
        const got = await store.claimOutbox(at(10), 10, leaseA);
        expect(got.map((r) => [r.key, r.status])).toEqual([
          ['b', 'sending'],
          ['a', 'sending'],
        ]);
        expect(await store.claimOutbox(at(20), 10, leaseB)).toEqual([]);
        // Next: 'later' becomes available (at 100) before the send lease could expire.
        expect(await store.nextOutboxAt()).toEqual(at(100));
      });

      describe('per-chat order', () => {
        const other: Address = { platform: 'telegram', chatId: 'c2' };

        it("a later message of a chat is not handed out while an earlier one is held under another owner's live lease", async () => {
          await store.enqueueOutbox([msg('m1'), msg('m2'), { ...msg('o1'), to: other }], at(0));
          expect((await store.claimOutbox(at(1), 1, leaseA)).map((r) => r.key)).toEqual(['m1']);
          expect((await store.claimOutbox(at(2), 10, leaseB)).map((r) => r.key)).toEqual(['o1']);
          // Behind its own message the holder takes the next one, to send after it.
          expect((await store.claimOutbox(at(3), 10, leaseA)).map((r) => r.key)).toEqual(['m2']);
        });

        it('a message waiting for a retry holds back the later ones of its chat; when due they come in creation order', async () => {
          await store.enqueueOutbox([msg('m1')], at(0));
          const [m1] = await store.claimOutbox(at(0), 10, leaseA);
          await store.markRetry(m1!.id, '500', at(5000));
          await store.enqueueOutbox([msg('m2'), msg('m3'), { ...msg('o1'), to: other }], at(10));
          expect((await store.claimOutbox(at(20), 10, leaseB)).map((r) => r.key)).toEqual(['o1']);
          expect(await store.nextOutboxAt()).toEqual(at(5000));
          // The limit cuts the chat's messages as a prefix: never a later one without the earlier.
          expect((await store.claimOutbox(at(5000), 1, leaseB)).map((r) => r.key)).toEqual(['m1']);
          expect((await store.claimOutbox(at(5000), 10, leaseB)).map((r) => r.key)).toEqual(['m2', 'm3']);
        });

        it('after an expired send lease the message and the ones behind it are taken over in order', async () => {
          await store.enqueueOutbox([msg('m1')], at(0));
          await store.claimOutbox(at(0), 10, leaseA);
          await store.enqueueOutbox([msg('m2')], at(1));
          expect(await store.claimOutbox(at(MIN - 1), 10, leaseB)).toEqual([]);
          expect(await store.nextOutboxAt()).toEqual(at(MIN));
          expect((await store.claimOutbox(at(MIN), 10, leaseB)).map((r) => [r.key, r.attempts])).toEqual([
            ['m1', 0],
            ['m2', 0],
          ]);
        });
      });

      it("expireLeases ends the named owners' leases on runs and messages at once; leaseOwners lists the holders", async () => {
        const job = await store.createJob(reminder(0), T0);
        await store.claimDue(at(1), 10, leaseA);
        await store.enqueueOutbox([msg('m1'), msg('m2')], at(1));
        await store.claimOutbox(at(1), 1, leaseA);
        expect((await store.leaseOwners()).sort()).toEqual([leaseA.owner]);
        expect(await store.expireLeases([leaseB.owner], at(2))).toBe(0);
        expect(await store.claimDue(at(2), 10, leaseB)).toEqual([]);
        expect(await store.expireLeases([leaseA.owner], at(2))).toBe(2);
        const [run] = await store.claimDue(at(2), 10, leaseB);
        expect(run).toMatchObject({ job: { id: job.id }, scheduledFor: at(0), leaseOwner: leaseB.owner });
        expect(await store.listRuns({ jobId: job.id, status: 'abandoned' })).toHaveLength(1);
        expect((await store.claimOutbox(at(2), 10, leaseB)).map((r) => [r.key, r.attempts])).toEqual([
          ['m1', 0],
          ['m2', 0],
        ]);
        expect(await store.leaseOwners()).toEqual([leaseB.owner]);
      });

      it('an expired send lease makes the message claimable again (dispatcher died mid-send)', async () => {
        await store.enqueueOutbox([msg('a')], at(0));
        const [first] = await store.claimOutbox(at(0), 10, leaseA);
        expect(await store.claimOutbox(at(MIN - 1), 10, leaseB)).toEqual([]);
        const [again] = await store.claimOutbox(at(MIN), 10, leaseB);
        expect(again?.id).toBe(first!.id);
        expect(again?.attempts).toBe(0);
      });

      it('claims respect the limit', async () => {
        await store.enqueueOutbox([msg('a'), msg('b'), msg('c')], at(0));
        expect(await store.claimOutbox(at(1), 2, leaseA)).toHaveLength(2);
        expect(await store.claimOutbox(at(1), 2, leaseA)).toHaveLength(1);
      });

      it('markSent records the platform ref and the message is never claimed again', async () => {
        await store.enqueueOutbox([msg('a')], at(0));
        const [row] = await store.claimOutbox(at(0), 10, leaseA);
        await store.markSent(row!.id, 'tg:42', at(3));
        expect(await store.getOutbox(row!.id)).toMatchObject({ status: 'sent', sentRef: 'tg:42', sentAt: at(3) });
        expect(await store.claimOutbox(at(10 * MIN), 10, leaseB)).toEqual([]);
        expect(await store.nextOutboxAt()).toBeUndefined();
        await store.markRetry(row!.id, 'late failure report', at(5)); // a stale retry cannot resurrect it
        expect((await store.getOutbox(row!.id))?.status).toBe('sent');
      });

      it('markRetry counts the attempt and hides the message until availableAt', async () => {
        await store.enqueueOutbox([msg('a')], at(0));
        const [row] = await store.claimOutbox(at(0), 10, leaseA);
        await store.markRetry(row!.id, '429 retry after 5s', at(5000));
        expect(await store.getOutbox(row!.id)).toMatchObject({
          status: 'pending',
          attempts: 1,
          lastError: '429 retry after 5s',
          availableAt: at(5000),
        });
        expect(await store.nextOutboxAt()).toEqual(at(5000));
        expect(await store.claimOutbox(at(4999), 10, leaseA)).toEqual([]);
        expect((await store.claimOutbox(at(5000), 10, leaseA))[0]?.attempts).toBe(1);
      });

      it('markPostponed hides the message until availableAt without counting an attempt; a sent message stays sent', async () => {
        await store.enqueueOutbox([msg('a'), msg('b')], at(0));
        const [a, b] = await store.claimOutbox(at(0), 10, leaseA);
        await store.markRetry(a!.id, '500 internal error', at(2000));
        const [again] = await store.claimOutbox(at(2000), 10, leaseA);
        await store.markPostponed(again!.id, '429 retry after 6s', at(8000));
        expect(await store.getOutbox(a!.id)).toMatchObject({
          status: 'pending',
          attempts: 1,
          lastError: '429 retry after 6s',
          availableAt: at(8000),
        });
        expect(await store.claimOutbox(at(7999), 10, leaseB)).toEqual([]);
        expect((await store.claimOutbox(at(8000), 10, leaseB))[0]).toMatchObject({ id: a!.id, attempts: 1 });
        await store.markSent(b!.id, 'tg:1', at(1));
        await store.markPostponed(b!.id, 'released at shutdown', at(1)); // a stale release cannot resurrect it
        expect(await store.getOutbox(b!.id)).toMatchObject({ status: 'sent', attempts: 0 });
      });

      it('markDead gives up for good and counts in stats', async () => {
        await store.enqueueOutbox([msg('a')], at(0));
        const [row] = await store.claimOutbox(at(0), 10, leaseA);
        await store.markDead(row!.id, '403 bot was blocked', at(1));
        expect(await store.getOutbox(row!.id)).toMatchObject({ status: 'dead', lastError: '403 bot was blocked' });
        expect(await store.claimOutbox(at(10 * MIN), 10, leaseA)).toEqual([]);
        expect((await store.stats()).outboxDead).toBe(1);
        expect(await store.listOutbox({ status: 'dead' })).toHaveLength(1);
      });
    });

    describe('moveChat (a chat given a new id: a Telegram group upgraded to a supergroup)', () => {
      const oldGroup: Address = { platform: 'telegram', chatId: '-40', threadId: '3', replyTo: '9' };
      const move = { platform: 'telegram', from: '-40', to: '-100' } as const;

      it("rewrites the old chat's unsent messages to the new id, without the old chat's thread, reply and quoted message id", async () => {
        await store.enqueueOutbox(
          [
            { key: 'sent', jobId: null, to: oldGroup, text: 'already there' },
            {
              key: 'held',
              jobId: null,
              to: oldGroup,
              text: 'stretch',
              meta: { quote: { messageId: '9', text: 'the report' }, silent: true },
            },
            { key: 'in-flight', jobId: null, to: oldGroup, text: 'water' },
            { key: 'discord', jobId: null, to: { platform: 'discord', chatId: '-40' }, text: 'other platform' },
            { key: 'other-chat', jobId: null, to: { platform: 'telegram', chatId: '-41' }, text: 'other chat' },
          ],
          T0,
        );
        const [sent] = await store.claimOutbox(at(1), 1, leaseA);
        await store.markSent(sent!.id, 'r1', at(2));
        const claimed = await store.claimOutbox(at(3), 10, leaseA);
        await store.markRetry(claimed.find((r) => r.key === 'held')!.id, '429', at(MIN));

        const result = await store.moveChat(move, at(10));
        expect(result).toEqual({ jobs: [], outbox: 2 });
        const byKey = new Map((await store.listOutbox()).map((r) => [r.key, r]));
        expect(byKey.get('sent')?.to).toEqual(oldGroup); // history stays as it was sent
        expect(byKey.get('held')).toMatchObject({ to: { platform: 'telegram', chatId: '-100' }, status: 'pending', attempts: 1 });
        expect(byKey.get('held')?.meta).toEqual({ quote: { text: 'the report' }, silent: true });
        expect(byKey.get('in-flight')).toMatchObject({ to: { platform: 'telegram', chatId: '-100' }, status: 'sending' });
        expect(byKey.get('discord')?.to).toEqual({ platform: 'discord', chatId: '-40' });
        expect(byKey.get('other-chat')?.to).toEqual({ platform: 'telegram', chatId: '-41' });
      });

      it("the moved messages and the new chat's keep one order: a message to the new id waits behind an older moved one", async () => {
        await store.enqueueOutbox([{ key: 'old', jobId: null, to: oldGroup, text: 'first' }], at(0));
        const [old] = await store.claimOutbox(at(0), 1, leaseA);
        await store.markRetry(old!.id, '429', at(MIN));
        await store.enqueueOutbox([{ key: 'new', jobId: null, to: { platform: 'telegram', chatId: '-100' }, text: 'second' }], at(1));
        await store.moveChat(move, at(2));
        // Before, the two were two chats: 'new' went out while 'first' waited.
        expect(await store.claimOutbox(at(3), 10, leaseA)).toEqual([]);
        expect((await store.claimOutbox(at(MIN), 10, leaseA)).map((r) => r.key)).toEqual(['old', 'new']);
      });

      it("moves the old chat's jobs of that platform (every status), without the old chat's message id; the group's own jobs change owner", async () => {
        const group = { platform: 'telegram', chatId: '-40', chatType: 'group', threadId: '3', messageId: '5' } as const;
        const a = await store.createJob(reminder(MIN, { origin: group, payload: { text: 'a', quote: { messageId: '5', text: 'q' } } }), T0);
        const b = await store.createJob(reminder(MIN, { origin: group, owner: { platform: 'telegram', userId: '-40' } }), T0);
        await store.updateJob(b.id, { status: 'cancelled' }, T0);
        const other = await store.createJob(
          reminder(MIN, { origin: { ...group, platform: 'discord' }, owner: { platform: 'discord', userId: 'd1' } }),
          T0,
        );
        const result = await store.moveChat(move, at(10));
        expect([...result.jobs].sort()).toEqual([a.id, b.id].sort());
        const movedA = await store.getJob(a.id);
        expect(movedA?.origin).toEqual({ platform: 'telegram', chatId: '-100', chatType: 'group' });
        expect(movedA?.payload).toEqual({ text: 'a', quote: { text: 'q' } });
        expect(movedA?.owner).toEqual({ platform: 'telegram', userId: 'u1', name: 'Sam' });
        expect(movedA?.updatedAt).toEqual(at(10));
        const movedB = await store.getJob(b.id);
        expect(movedB).toMatchObject({ owner: { userId: '-100' }, status: 'cancelled' });
        expect((await store.getJob(other.id))?.origin).toEqual({ ...group, platform: 'discord' });
        expect(await store.listJobs({ originPlatform: 'telegram', originChatId: '-40' })).toEqual([]);
        // Safe to repeat: nothing is left under the old id.
        expect(await store.moveChat(move, at(20))).toEqual({ jobs: [], outbox: 0 });
      });
    });

    describe('outbox pruning (optional method)', () => {
      it('pruneOutbox deletes old sent and dead messages, never pending or in-flight ones', async () => {
        if (!store.pruneOutbox) return;
        await store.enqueueOutbox([msg('sent'), msg('dead'), msg('pending'), msg('sending')], at(0));
        await store.enqueueOutbox([msg('new-sent')], at(5000));
        const rows = await store.claimOutbox(at(5000), 10, leaseA);
        const id = (k: string) => rows.find((r) => r.key === k)!.id;
        await store.markSent(id('sent'), 'r1', at(1));
        await store.markSent(id('new-sent'), 'r2', at(5001));
        await store.markDead(id('dead'), 'gone', at(1));
        await store.markRetry(id('pending'), 'later', at(1));
        expect(await store.pruneOutbox({ before: at(1000), dryRun: true })).toBe(2);
        expect(await store.listOutbox()).toHaveLength(5);
        expect(await store.pruneOutbox({ before: at(1000) })).toBe(2);
        expect((await store.listOutbox()).map((r) => r.key).sort()).toEqual(['new-sent', 'pending', 'sending']);
      });
    });

    describe('history and stats', () => {
      async function finishedRun(dueMs: number, finishMs: number): Promise<string> {
        const job = await store.createJob(reminder(dueMs), T0);
        const run = await store.claimJob(job.id, at(dueMs), leaseA);
        await store.settle(run!, success(run!, at(finishMs)), at(finishMs));
        return job.id;
      }

      it('listRuns is newest first, filtered by job and status, default limit 50', async () => {
        for (let i = 0; i < 55; i++) await finishedRun(i, i + 1);
        const all = await store.listRuns();
        expect(all).toHaveLength(50);
        expect(all[0]!.startedAt).toEqual(at(54));
        expect(await store.listRuns({ status: 'running' })).toEqual([]);
        expect(await store.listRuns({ limit: 3 })).toHaveLength(3);
      });

      it('listRuns filters by start time range and pages after a run id; getRun finds finished and running runs', async () => {
        for (let i = 0; i < 6; i++) await finishedRun(i * MIN, i * MIN + 500);
        const running = await store.createJob(reminder(10 * MIN), T0);
        await store.claimDue(at(10 * MIN), 10, leaseA);
        const starts = async (f: Parameters<JobStore['listRuns']>[0]) =>
          (await store.listRuns(f)).map((r) => r.startedAt.getTime() - T0.getTime());
        expect(await starts({ startedFrom: at(2 * MIN), startedBefore: at(4 * MIN) })).toEqual([3 * MIN, 2 * MIN]);
        expect(await starts({ startedFrom: at(5 * MIN) })).toEqual([10 * MIN, 5 * MIN]);
        expect(await starts({ startedBefore: at(MIN) })).toEqual([0]);
        const page1 = await store.listRuns({ limit: 3 });
        expect(page1.map((r) => r.status)).toEqual(['running', 'success', 'success']);
        expect(await starts({ limit: 3, afterRunId: page1.at(-1)!.runId })).toEqual([3 * MIN, 2 * MIN, MIN]);
        const done = page1[1]!;
        expect(await store.getRun(done.runId)).toEqual(done);
        const inProgress = await store.getRun(page1[0]!.runId);
        expect(inProgress).toMatchObject({
          jobId: running.id,
          status: 'running',
          lateMs: 0,
          ghostSessionId: `ghost_scheduler_${running.id}`,
        });
        expect(await store.getRun('000000000000-nojob-0000')).toBeUndefined();
      });

      it('pruneRuns deletes finished runs older than the cut-off, never running ones', async () => {
        const old = await finishedRun(0, 10);
        await finishedRun(1000, 1010);
        const running = await store.createJob(reminder(0), T0);
        await store.claimDue(at(5), 10, leaseA);
        expect(await store.pruneRuns({ olderThan: at(500) })).toBe(1);
        expect(await store.listRuns({ jobId: old })).toEqual([]);
        expect(await store.listRuns({ jobId: running.id })).toHaveLength(1);
        expect(await store.pruneRuns({})).toBe(0);
      });

      it('pruneRuns keeps the newest `keepPerJob` runs of each job', async () => {
        const job = await store.createJob(reminder(0, { schedule: { kind: 'interval', everyMs: 10, anchor: T0 }, nextRunAt: at(0) }), T0);
        for (let i = 0; i < 5; i++) {
          const [run] = await store.claimDue(at(i * 10), 1, leaseA);
          await store.settle(
            run!,
            {
              run: { status: 'success', finishedAt: at(i * 10 + 1), durationMs: 1, result: null, error: null },
              job: { status: 'active', nextRunAt: at((i + 1) * 10) },
              outbox: [],
            },
            at(i * 10 + 1),
          );
        }
        const other = await finishedRun(0, 1);
        // A dry run counts exactly what the real prune then deletes, and deletes nothing.
        expect(await store.pruneRuns({ keepPerJob: 2, dryRun: true })).toBe(3);
        expect(await store.listRuns({ jobId: job.id })).toHaveLength(5);
        expect(await store.pruneRuns({ keepPerJob: 2 })).toBe(3);
        expect((await store.listRuns({ jobId: job.id })).map((r) => r.startedAt)).toEqual([at(40), at(30)]);
        expect(await store.listRuns({ jobId: other })).toHaveLength(1);
      });

      it('stats counts jobs per status, runs per status, pending and dead outbox rows', async () => {
        await store.createJob(reminder(0), T0);
        const p = await store.createJob(reminder(0), T0);
        await store.updateJob(p.id, { status: 'paused' }, T0);
        await finishedRun(0, 1);
        await store.enqueueOutbox([msg('x'), msg('y')], T0);
        const s = await store.stats();
        expect(s.jobsByStatus).toEqual({ active: 1, paused: 1, completed: 1, failed: 0, cancelled: 0 });
        expect(s.runsByStatus).toEqual({ success: 1 });
        expect(s.outboxPending).toBe(2);
        expect(s.outboxDead).toBe(0);
        expect(s.jobsByKind).toEqual(
          expect.arrayContaining([
            { status: 'active', kind: 'reminder', n: 1 },
            { status: 'paused', kind: 'reminder', n: 1 },
          ]),
        );
        expect(s.outboxByPlatform).toEqual([{ platform: 'telegram', status: 'pending', n: 2, failedAttempts: 0, oldestCreatedAt: T0 }]);
      });
    });

    describe('durability', () => {
      it('everything survives close and reopen', async () => {
        const job = await store.createJob(reminder(0), T0);
        const [run] = await store.claimDue(at(1), 10, leaseA);
        await store.enqueueOutbox([msg('a', job.id)], at(1));
        store = await h.reopen();
        expect((await store.getJob(job.id))?.id).toBe(job.id);
        expect((await store.listRuns())[0]?.runId).toBe(run!.runId);
        expect(await store.listOutbox()).toHaveLength(1);
        // The lease survives too: no double claim right after a restart.
        expect(await store.claimDue(at(2), 10, leaseB)).toEqual([]);
      });
    });
  });
}
