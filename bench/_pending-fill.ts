/** Set-up shared by the benchmarks that need a store with many pending jobs. */
import { JOB_ID_ALPHABET } from '../src/store/job-id.js';
import { jobFromNew } from '../src/store/job-defaults.js';
import { prepareJobQueries } from '../src/store/sqlite/job-queries.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { jobToParams } from '../src/store/engine/rows.js';

/** Default first due instant: fixed, so figures do not depend on the day they are taken. */
export const T0 = Date.UTC(2027, 0, 1);
/** Jobs of the burst, due at T0 + i ms, before any scattered job (those start at T0 + 60 s). */
export const BURST = 50_000;

/** The i-th id in base 31 over the job-id alphabet: unique, unlike random ids at a million. */
function idOf(i: number): string {
  let s = '';
  for (let k = 0; k < 6; k++) {
    s = JOB_ID_ALPHABET[i % JOB_ID_ALPHABET.length] + s;
    i = Math.floor(i / JOB_ID_ALPHABET.length);
  }
  return s;
}

/**
 * Fills the SQLite file at `path` with `count` pending reminders due one a second from t0 + 60 s
 * in an order unrelated to insertion order (as reminders are), then `burst` more due t0 + i ms
 * in insertion order (jobs created together, side by side in the file). One transaction, one
 * prepared insert; the WAL is checkpointed into the file at the end.
 */
export function fill(path: string, count: number, burst: number, t0 = T0): void {
  const store = openSqliteStore(path);
  const q = prepareJobQueries(store.db);
  const now = new Date(t0);
  const base = jobToParams(
    jobFromNew(
      {
        kind: 'reminder',
        payload: { text: 'drink water' },
        owner: { platform: 'telegram', userId: '0' },
        origin: { platform: 'telegram', chatId: '0' },
        schedule: { kind: 'once', at: now },
        timeZone: 'Europe/Berlin',
      },
      'xxxxxx',
      now,
    ),
  );
  store.db.transaction(() => {
    for (let i = 0; i < count + burst; i++) {
      // Scattered: due order unrelated to insertion order. Burst: due in insertion order.
      const due = i < count ? t0 + 60_000 + ((i * 7919) % count) * 1000 : t0 + (i - count);
      const user = String(i % 5000);
      q.insertJob.run({
        ...base,
        id: idOf(i),
        owner_user_id: user,
        origin_chat_id: user,
        origin: `{"platform":"telegram","chatId":"${user}"}`,
        schedule: `{"kind":"once","at":"${new Date(due).toISOString()}"}`,
        next_run_at: due,
      });
    }
  })();
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
}
