import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { Housekeeper } from '../../src/core/housekeeping.js';
import { silentLogger } from '../../src/log.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { reminder } from '../store/contract.js';

const DAY = 86_400_000;

/** Housekeeping prunes the event log by age (CHIME_EVENT_RETENTION_DAYS, default 30), a dry run only counts. */
it('housekeeping prunes events older than the retention, keeps newer ones; a dry run deletes nothing', async () => {
  expect(loadConfig({}).housekeeping.eventRetentionDays).toBe(30);
  expect(loadConfig({ CHIME_EVENT_RETENTION_DAYS: '7' }).housekeeping.eventRetentionDays).toBe(7);
  expect(() => loadConfig({ CHIME_EVENT_RETENTION_DAYS: 'soon' })).toThrow(/CHIME_EVENT_RETENTION_DAYS/);

  const dir = mkdtempSync(join(tmpdir(), 'chime-hk-events-'));
  const s = openSqliteStore(join(dir, 'chime.db'));
  try {
    const clock = new ManualClock('2026-11-22T10:00:00Z');
    const now = clock.now().getTime();
    for (const ageDays of [40, 31, 5, 1]) s.jobs.createJob(reminder(0), new Date(now - ageDays * DAY));
    const hk = new Housekeeper({
      store: s.jobs,
      clock,
      logger: silentLogger(),
      events: { log: s.jobs, retentionDays: 30 },
    });
    const dry = await hk.run({ dryRun: true });
    expect(dry.history.eventsDeleted).toBe(2);
    expect(s.jobs.listEvents({ limit: 10 })).toHaveLength(4);
    const done = await hk.run();
    expect(done.history.eventsDeleted).toBe(2);
    expect(done.history.eventsOlderThan).toEqual(new Date(now - 30 * DAY));
    expect(s.jobs.listEvents({ limit: 10 }).map((e) => (now - e.at.getTime()) / DAY)).toEqual([5, 1]);
  } finally {
    s.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
