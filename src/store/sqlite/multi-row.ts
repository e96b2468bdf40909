import type { Statement } from 'better-sqlite3';
import type { Db } from './open-db.js';

/** Rows per statement, largest first: a batch of n rows takes ceil-ish n/64 statements, each prepared once. */
const SIZES = [64, 16, 4, 1] as const;

/** A statement over many rows of values, run in chunks: `run` for writes (the rows it changed), `all` for their RETURNING rows. */
export interface MultiRowStatement<R> {
  run(values: unknown[]): number;
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
    run(values) {
      let changes = 0;
      chunks(values, (s, v) => {
        changes += s.run(...v).changes;
      });
      return changes;
    },
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
 * their values (rowids follow it). Returns how many went in.
 */
export function multiRowInsert(db: Db, head: string, row: string, tail = ''): (values: unknown[]) => number {
  return multiRowStatement(db, (values) => `${head} VALUES ${values} ${tail}`, row).run;
}

/**
 * Multi-row writes that cannot abort, so that SQLite keeps no statement journal for them.
 * Inside a transaction, a statement that writes several rows and may abort halfway (a NOT NULL,
 * CHECK or UNIQUE failure) first copies every page it is about to change into a statement
 * journal, so that the statement alone can be undone; past 64 KiB the journal is a temporary
 * file, a write syscall per page. The store never undoes one statement and goes on: a failure
 * throws and the whole transaction rolls back. So its hot multi-row writes say `OR IGNORE` (a
 * refused row is skipped: nothing aborts, no journal) and check that no row was skipped,
 * throwing when one was, which rolls the transaction back as the abort would have. Measured on
 * the 10,000-job burst (bench/scheduler-burst.ts): 130,000 write syscalls became 48,000 and
 * the CPU time 1.24 s became 1.06 s (system time halved).
 *
 * This one: an `INSERT OR IGNORE INTO t (…)` of many rows (multiRowInsert) whose rows must all
 * go in; a row a constraint refused throws, naming the table.
 */
export function multiRowInsertAll(db: Db, head: string, row: string): (values: unknown[]) => void {
  const table = /^\s*INSERT OR IGNORE INTO\s+(\w+)/i.exec(head)?.[1];
  if (table === undefined) throw new Error(`store: not an INSERT OR IGNORE INTO: ${head}`);
  const insert = multiRowInsert(db, head, row);
  const width = row.split('?').length - 1;
  return (values) => {
    const went = insert(values);
    const rows = values.length / width;
    if (went !== rows)
      throw new Error(`store: ${rows - went} of ${rows} rows refused by a constraint of ${table} (NOT NULL, CHECK or UNIQUE)`);
  };
}
