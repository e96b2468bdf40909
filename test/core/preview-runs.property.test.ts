/**
 * What a person is shown is what runs: for generated schedules (straight from the engine, and
 * from generated chat phrases through the parser), the fires the preview lists (the parser's
 * `next`, shown by the confirmation and `chime parse`) are exactly the occurrences the real
 * scheduler runs on the fake clock, each with its outbox message, none in between.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../src/core/job.js';
import { nextFires, type Schedule, type ScheduleBounds } from '../../src/core/schedule.js';
import { parse } from '../../src/nl/parse.js';
import { makeHarness } from './scheduler-harness.js';

const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'UTC'];
const PREVIEW = 4;

interface Case {
  start: Date;
  zone: string;
  schedule: Schedule;
  bounds: ScheduleBounds;
  preview: Date[];
}

// Ordinary days and the days before DST changes in both hemispheres.
const starts = fc
  .oneof(
    fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }),
    fc
      .constantFrom(
        '2027-03-13T20:00:00Z',
        '2027-03-27T20:00:00Z',
        '2027-10-30T20:00:00Z',
        '2027-11-06T20:00:00Z',
        '2027-04-03T10:00:00Z',
        '2027-10-02T10:00:00Z',
      )
      .map((s) => new Date(s)),
  )
  .map((d) => new Date(Math.floor(d.getTime() / 1000) * 1000));

const MIN = 60_000;
const after = (start: Date, minutes: number): Date => new Date(start.getTime() + minutes * MIN);

/** Schedules of every firing kind, built from the start instant. */
const engineCase = fc
  .tuple(
    starts,
    fc.constantFrom(...ZONES),
    fc.oneof(
      fc.integer({ min: 1, max: 5000 }).map(
        (m) =>
          (s: Date): Schedule => ({ kind: 'once', at: after(s, m) }),
      ),
      fc.tuple(fc.integer({ min: 1, max: 600 }), fc.integer({ min: -60, max: 60 })).map(
        ([every, off]) =>
          (s: Date): Schedule => ({ kind: 'interval', everyMs: every * MIN, anchor: after(s, off) }),
      ),
      fc
        .tuple(
          fc.constantFrom('day', 'week', 'month') as fc.Arbitrary<'day' | 'week' | 'month'>,
          fc.integer({ min: 1, max: 3 }),
          fc.integer({ min: 0, max: 23 }),
          fc.integer({ min: 1, max: 28 }),
        )
        .map(
          ([unit, step, hour, day]) =>
            (): Schedule => ({
              kind: 'calendar',
              unit,
              step,
              anchor: `2026-01-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:30:00`,
            }),
        ),
      fc
        .constantFrom('30 2 * * *', '0 9 * * 1-5', '*/20 * * * *', '15 1 * * 0', '0 * * * *', '0 0 L * *', '45 2,3 * * *')
        .map((pattern) => (): Schedule => ({ kind: 'cron', pattern })),
      fc.uniqueArray(fc.integer({ min: 1, max: 10_000 }), { minLength: 2, maxLength: 4 }).map(
        (ms) =>
          (s: Date): Schedule => ({ kind: 'multi', triggers: ms.map((m) => ({ kind: 'once', at: after(s, m) })) }),
      ),
      fc.tuple(fc.integer({ min: 1, max: 3000 }), fc.constantFrom('0 9 * * 6', '30 2 * * *', '*/45 * * * *')).map(
        ([m, pattern]) =>
          (s: Date): Schedule => ({
            kind: 'multi',
            triggers: [
              { kind: 'cron', pattern },
              { kind: 'once', at: after(s, m) },
            ],
          }),
      ),
    ),
    fc.record({
      maxRuns: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      endDays: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    }),
  )
  .map(([start, zone, make, b]): Case => {
    const schedule = make(start);
    const bounds: ScheduleBounds = {
      ...(b.maxRuns !== undefined && schedule.kind !== 'once' ? { maxRuns: b.maxRuns } : {}),
      ...(b.endDays !== undefined && schedule.kind !== 'once'
        ? { endAt: new Date(start.getTime() + b.endDays * 86_400_000 + 3_600_000) }
        : {}),
    };
    const preview = schedule.kind === 'once' ? [schedule.at] : nextFires(schedule, zone, start, PREVIEW, bounds);
    return { start, zone, schedule, bounds, preview };
  });

const hhmm = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

/** Chat phrases of several kinds, through the parser: its `next` is the preview. */
const phraseCase = fc
  .tuple(
    starts,
    fc.constantFrom(...ZONES),
    fc.oneof(
      fc
        .tuple(hhmm, hhmm)
        .filter(([a, b]) => a !== b)
        .map(([a, b]) => `at ${a} and at ${b} ping`),
      fc.integer({ min: 1, max: 120 }).map((n) => `in ${n} minutes ping`),
      fc.integer({ min: 1, max: 90 }).map((n) => `every ${n} minutes ping`),
      hhmm.map((t) => `every day at ${t} ping`),
      hhmm.map((t) => `every weekday at ${t} ping`),
      fc.tuple(hhmm, hhmm).map(([a, b]) => `every monday at ${a} and every friday at ${b} ping`),
      fc.tuple(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 2, max: 3 })).map(([n, k]) => `every ${n} hours for ${k} times ping`),
      fc.tuple(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 23 })).map(([m, h]) => `cron:${m} ${h} * * * ping`),
    ),
  )
  .map(([start, zone, text]): Case | null => {
    const r = parse(text, { now: start, timeZone: zone });
    if (!r.ok) return null;
    return { start, zone, schedule: r.schedule, bounds: r.bounds, preview: r.next };
  })
  .filter((c): c is Case => c !== null);

let h: ReturnType<typeof makeHarness> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Runs the case through a real scheduler and checks each preview fire is run and delivered, on time, with nothing between. */
async function check(c: Case): Promise<void> {
  h = makeHarness({ start: c.start.toISOString() });
  await h.scheduler.start();
  const input = { ...h.reminder('ping', c.schedule), timeZone: c.zone, bounds: c.bounds };
  if (c.preview.length === 0) {
    // Nothing to show: nothing would run, so no job is made that looks active and never fires.
    await expect(h.scheduler.createJob(input)).rejects.toMatchObject({ code: 'schedule.invalid' });
    return;
  }
  let job: Job;
  try {
    job = await h.scheduler.createJob(input);
  } catch (err) {
    // Two triggers firing under a minute apart (e.g. a one-off at 16:44:01 beside a cron at
    // 16:45) are refused by the spacing rule, which is tested on its own: nothing runs, nothing to compare.
    if ((err as { code?: string }).code === 'schedule.invalid' && /apart/.test((err as Error).message)) return;
    throw err;
  }
  const harness = h;
  const ran = async () => (await harness.store.jobs.listRuns({ jobId: job.id })).map((r) => r.scheduledFor.getTime()).sort((a, b) => a - b);
  const shown = c.preview.slice(0, PREVIEW);
  for (const [i, fire] of shown.entries()) {
    await harness.clock.jump(new Date(fire.getTime() - 1000));
    await harness.settle();
    expect(await ran(), `nothing runs before fire ${i + 1}`).toHaveLength(i);
    await harness.clock.jump(fire);
    await harness.settle();
    expect(await ran()).toEqual(shown.slice(0, i + 1).map((d) => d.getTime()));
    expect(await harness.store.jobs.listOutbox({ jobId: job.id })).toHaveLength(i + 1);
  }
  if (shown.length < PREVIEW) {
    // The preview ended early (bounds, or a one-off): the job has nothing more to run.
    expect((await harness.scheduler.getJob(job.id))?.status).toBe('completed');
    await harness.clock.jump(new Date(harness.clock.now().getTime() + 40 * 86_400_000));
    await harness.settle();
    expect(await ran()).toHaveLength(shown.length);
  }
  await harness.close();
  h = undefined;
}

describe('preview equals what the scheduler runs', () => {
  it('for generated schedules of every kind, bounds and zones included', async () => {
    await fc.assert(fc.asyncProperty(engineCase, check), { numRuns: 60 });
  }, 120_000);

  it('for generated chat phrases through the parser', async () => {
    await fc.assert(fc.asyncProperty(phraseCase, check), { numRuns: 40 });
  }, 120_000);
});
