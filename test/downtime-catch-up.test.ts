/**
 * After downtime (README "After downtime"), seen from the chat: Chime was down across several
 * fire times of a repeating reminder, and on restart the person gets what the README promises
 * and is told what happened, never flooded and never left wondering.
 *  - missed occurrences coalesce into one run, which says how late it is;
 *  - an occurrence later than CHIME_MISFIRE_GRACE_MS (1 h) is skipped and the next one waits,
 *    and the chat is told, once, which reminder was missed and when the next one comes;
 *  - a missed one-off runs once, marked late.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../src/app.js';
import { ManualClock, flushMicrotasks } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import type { NewJob } from '../src/core/job.js';
import { silentLogger } from '../src/log.js';
import { openStore } from '../src/store/open-store.js';
import { FakeSender } from './delivery/fake-sender.js';
import { describePg, freshDatabase } from './store/pg-harness.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

// Sunday 22 November 2026, 10:00 UTC (11:00 in Berlin, CET = UTC+1).
const START = '2026-11-22T10:00:00Z';

function reminder(text: string, schedule: NewJob['schedule']): NewJob {
  return {
    kind: 'reminder',
    payload: { text },
    owner: { platform: 'telegram', userId: '42', name: 'Ana' },
    origin: { platform: 'telegram', chatId: '42', chatType: 'private' },
    schedule,
    timeZone: 'Europe/Berlin',
  };
}

/** Creates jobs with one process, stops it, lets `downUntil` come, and starts a new one on the same file. */
async function downtime(jobs: NewJob[], downUntil: string, pgUrl?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'chime-downtime-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const config = loadConfig({ CHIME_DB: join(dir, 'chime.db'), CHIME_HTTP: 'off', ...(pgUrl ? { CHIME_DATABASE_URL: pgUrl } : {}) });
  const clock = new ManualClock(START);
  const store = async () => ({ store: await openStore(config, clock) });
  const first: App = createApp({ config, clock, logger: silentLogger(), senders: [new FakeSender('telegram')], ...(await store()) });
  const ids: string[] = [];
  for (const j of jobs) ids.push((await first.scheduler.createJob(j)).id);
  await first.stop();

  await clock.jump(downUntil);
  const sender = new FakeSender('telegram');
  const app: App = createApp({ config, clock, logger: silentLogger(), senders: [sender], ...(await store()) });
  cleanups.push(() => app.stop());
  await app.start();
  const settle = async () => {
    for (let i = 0; i < 40; i++) await flushMicrotasks(3);
  };
  await settle();
  // PostgreSQL answers on real time: wait (up to 5 s) for the first message, then settle again
  // so that any second one would be there too.
  for (const end = Date.now() + 5000; sender.delivered.length === 0 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
  await settle();
  return { app, sender, clock, ids, settle };
}

/** The daily 09:00 standup missed for three days (see the test of that name). */
async function dailySkipped(pgUrl?: string): Promise<void> {
  // Daily 09:00 Berlin = 08:00 UTC. Down from Sunday 10:00 UTC to Wednesday 14:00 UTC: the
  // Monday, Tuesday and Wednesday 09:00s were missed, the latest 6 hours ago (> 1 h grace).
  const { app, sender, ids } = await downtime([reminder('standup', { kind: 'cron', pattern: '0 9 * * *' })], '2026-11-25T14:00:00Z', pgUrl);
  const runs = await app.store.jobs.listRuns({ jobId: ids[0]! });
  expect(runs.map((r) => r.status)).toEqual(['skipped']);
  expect((await app.scheduler.getJob(ids[0]!))?.nextRunAt?.toISOString()).toBe('2026-11-26T08:00:00.000Z');
  // One message, not three, and not silence: which reminder, when it was due, when the next comes.
  const texts = sender.delivered.map((d) => d.text);
  expect(texts).toHaveLength(1);
  expect(texts[0]).toMatch(/standup/);
  expect(texts[0]).toMatch(/missed/i);
  expect(texts[0]).toMatch(/Chime was offline/);
  expect(texts[0]).toContain('Wed 25 Nov 09:00');
  expect(texts[0]).toContain('Thu 26 Nov 09:00');
  expect(sender.delivered[0]!.to.chatId).toBe('42');
}

describe('restart after downtime across several fire times', () => {
  it('an hourly reminder down for 5 hours, back 10 min after its latest time: one message, saying how late', async () => {
    // Hourly at :00 (Berlin); down from 10:00 UTC until 15:10 UTC: 11:00 … 15:00 UTC missed.
    const { app, sender, ids } = await downtime([reminder('drink water', { kind: 'cron', pattern: '0 * * * *' })], '2026-11-22T15:10:00Z');
    expect(sender.delivered.map((d) => d.text)).toHaveLength(1);
    expect(sender.delivered[0]!.text).toMatch(/drink water/);
    expect(sender.delivered[0]!.text).toMatch(/10 min(utes)? late: Chime was offline/);
    const runs = await app.store.jobs.listRuns({ jobId: ids[0]! });
    expect(runs.map((r) => r.status)).toEqual(['success']);
    // The next one is 16:00 UTC (17:00 Berlin), on the schedule, not counted from now.
    expect((await app.scheduler.getJob(ids[0]!))?.nextRunAt?.toISOString()).toBe('2026-11-22T16:00:00.000Z');
  });

  it('a daily 09:00 reminder down for three days, back at 15:00: skipped, and the chat is told once, with the next time', async () => {
    await dailySkipped();
  });

  it('a missed one-off runs once on start, marked late by how much', async () => {
    const { sender } = await downtime(
      [reminder('call mum', { kind: 'once', at: new Date('2026-11-22T11:00:00Z') })],
      '2026-11-22T14:00:00Z',
    );
    expect(sender.delivered.map((d) => d.text)).toHaveLength(1);
    expect(sender.delivered[0]!.text).toMatch(/call mum/);
    expect(sender.delivered[0]!.text).toMatch(/3 h(ours)? late: Chime was offline/);
  });
});

describePg('restart after downtime, on PostgreSQL', () => {
  it('a daily 09:00 reminder down for three days: skipped, and the chat is told once, with the next time', async () => {
    const db = await freshDatabase();
    cleanups.push(db.drop);
    await dailySkipped(db.url);
  });
});
