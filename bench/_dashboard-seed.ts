/** Jobs for the dashboard's browser tests and its first-render bench, written straight into a SQLite file. */
import { JOB_ID_ALPHABET } from '../src/store/job-id.js';
import { jobFromNew } from '../src/store/job-defaults.js';
import { prepareJobQueries } from '../src/store/sqlite/job-queries.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { jobToParams } from '../src/store/engine/rows.js';

/** The i-th id: `d` and five base-31 digits, unique and never one the store generates by chance. */
export function seededId(i: number): string {
  let s = '';
  for (let k = 0; k < 5; k++) {
    s = JOB_ID_ALPHABET[i % JOB_ID_ALPHABET.length] + s;
    i = Math.floor(i / JOB_ID_ALPHABET.length);
  }
  return `d${s}`;
}

/** The name of the i-th seeded job: numbered, so a test can tell which row it sees. */
export const seededName = (i: number): string => `seeded reminder ${i}`;

/**
 * Writes `count` active daily reminders ("seeded reminder 0", …) into the SQLite file at `path`
 * (created and migrated if new) in one transaction through one prepared insert: 100,000 take
 * about a second, where creating them through the API would take minutes. Creation order is
 * index order. Each fires daily at a minute of its own (UTC), the first within a day of `now`,
 * its next run already set as the scheduler would have set it.
 */
export function seedJobs(path: string, count: number, now = new Date()): void {
  const store = openSqliteStore(path);
  const q = prepareJobQueries(store.db);
  const base = jobToParams(
    jobFromNew(
      {
        kind: 'reminder',
        payload: { text: 'seeded' },
        owner: { platform: 'telegram', userId: '7', name: 'Sam' },
        origin: { platform: 'telegram', chatId: '42' },
        schedule: { kind: 'cron', pattern: '0 9 * * *' },
        timeZone: 'UTC',
      },
      'xxxxxx',
      now,
    ),
  );
  store.db.transaction(() => {
    const minute0 = Math.floor(now.getTime() / 60_000) * 60_000;
    for (let i = 0; i < count; i++) {
      const next = new Date(minute0 + ((i % 1440) + 1) * 60_000);
      const pattern = `${next.getUTCMinutes()} ${next.getUTCHours()} * * *`;
      q.insertJob.run({
        ...base,
        id: seededId(i),
        name: seededName(i),
        payload: JSON.stringify({ text: seededName(i) }),
        schedule: JSON.stringify({ kind: 'cron', pattern }),
        next_run_at: next.getTime(),
        created_at: now.getTime() + i,
        updated_at: now.getTime() + i,
      });
    }
  })();
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
}
