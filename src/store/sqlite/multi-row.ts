import type { Statement } from 'better-sqlite3';
import type { Db } from './open-db.js';

/** Rows per statement, largest first: a batch of n rows takes ceil-ish n/64 statements, each prepared once. */
const SIZES = [64, 16, 4, 1] as const;

/** A statement over many rows of values, run in chunks: `run` for writes, `all` for their RETURNING rows. */
export interface MultiRowStatement<R> {
  run(values: unknown[]): void;
  all(values: unknown[]): R[];
}

/**
 * A statement whose `VALUES` list holds many rows: `sql` places the list (`(?, ?), (?, ?)`,
 * `row` once per row) in the statement. The functions take the rows' values flat, row after
 * row, and run them in that order in statements of 64, 16, 4 and 1 rows, each size prepared
 * once, bound by position. Per row this saves most of a statement's fixed cost (bind, step,
 * reset and better-sqlite3's call): ~1.5 µs of ~8 for an event row.
 */
export function multiRowStatement<R = unknown>(db: Db, sql: (values: string) => string, row: string): MultiRowStatement<R> {
  const width = row.split('?').length - 1;
  const statements = new Map<number, Statement<unknown[], R>>();
  const statement = (rows: number): Statement<unknown[], R> => {
    let s = statements.get(rows);
    if (!s) {
      s = db.prepare<unknown[], R>(sql(Array.from({ length: rows }, () => row).join(', ')));
      statements.set(rows, s);
    }
    return s;
  };
  const chunks = (values: unknown[], each: (s: Statement<unknown[], R>, values: unknown[]) => void): void => {
    if (values.length % width !== 0) throw new Error(`store: ${values.length} values for rows of ${width}`);
    const total = values.length / width;
    let done = 0;
    for (const size of SIZES) {
      while (total - done >= size) {
        const from = done * width;
        each(statement(size), values.slice(from, from + size * width));
        done += size;
      }
    }
  };
  return {
    run: (values) => chunks(values, (s, v) => s.run(...v)),
    all(values) {
      const out: R[] = [];
      chunks(values, (s, v) => {
        for (const r of s.all(...v)) out.push(r);
      });
      return out;
    },
  };
}

/**
 * An INSERT of many rows in few statements: `head` (`INSERT INTO t (a, b)`), then `VALUES` and
 * `row` (`(?, ?)`) once per row, then `tail` (`ON CONFLICT …`). Rows go in in the order of
 * their values (rowids follow it).
 */
export function multiRowInsert(db: Db, head: string, row: string, tail = ''): (values: unknown[]) => void {
  return multiRowStatement(db, (values) => `${head} VALUES ${values} ${tail}`, row).run;
}
