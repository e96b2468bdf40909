import type { Statement } from 'better-sqlite3';
import type { Db } from './open-db.js';

/** Rows per statement, largest first: a batch of n rows takes ceil-ish n/64 statements, each prepared once. */
const SIZES = [64, 16, 4, 1] as const;

/**
 * An INSERT of many rows in few statements: `head` (`INSERT INTO t (a, b)`), then `VALUES` and
 * `row` (`(?, ?)`) once per row, then `tail` (`ON CONFLICT …`). The returned function takes the
 * rows' values flat, row after row, and inserts them in that order (rowids follow it), in
 * statements of 64, 16, 4 and 1 rows. Per row this saves most of a statement's fixed cost
 * (bind, step, reset and better-sqlite3's call): ~1.5 µs of ~8 for an event row.
 */
export function multiRowInsert(db: Db, head: string, row: string, tail = ''): (values: unknown[]) => void {
  const width = row.split('?').length - 1;
  const statements = new Map<number, Statement<unknown[]>>();
  const statement = (rows: number): Statement<unknown[]> => {
    let s = statements.get(rows);
    if (!s) {
      s = db.prepare<unknown[]>(`${head} VALUES ${Array.from({ length: rows }, () => row).join(', ')} ${tail}`);
      statements.set(rows, s);
    }
    return s;
  };
  return (values) => {
    if (values.length % width !== 0) throw new Error(`store: ${values.length} values for rows of ${width}`);
    const total = values.length / width;
    let done = 0;
    for (const size of SIZES) {
      while (total - done >= size) {
        const from = done * width;
        statement(size).run(...values.slice(from, from + size * width));
        done += size;
      }
    }
  };
}
