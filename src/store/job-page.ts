import type { JobKeyset } from './engine/job-list-sql.js';

/**
 * A `pageJobs` cursor is the keyset of the last job of the previous page: its creation
 * sequence number as text in creation order (`"1234"`), and `"1234~n<number>"` or
 * `"1234~s<text>"` with the job's sort value in any other order. Anything else is a caller's
 * bug, not a place to start.
 */
export function pageCursor(after: string | undefined): JobKeyset | undefined {
  if (after === undefined) return undefined;
  const m = /^(\d{1,15})(?:~([ns])([\s\S]*))?$/.exec(after);
  if (!m) throw new Error(`store: bad page cursor ${JSON.stringify(after)}`);
  const seq = Number(m[1]);
  if (m[2] === undefined) return { seq, value: seq };
  const value = m[2] === 'n' ? Number(m[3]) : (m[3] ?? '');
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`store: bad page cursor ${JSON.stringify(after)}`);
  return { seq, value };
}

/** The cursor of the page after a row with this keyset (`created`: the sequence alone). */
export function cursorOf(keyset: JobKeyset, created: boolean): string {
  if (created) return String(keyset.seq);
  return `${keyset.seq}~${typeof keyset.value === 'number' ? `n${keyset.value}` : `s${keyset.value}`}`;
}
