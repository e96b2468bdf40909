import { describe, expect, it } from 'vitest';
import { multiRowInsert } from '../../src/store/sqlite/multi-row.js';
import { openDb } from '../../src/store/sqlite/open-db.js';

function table() {
  const db = openDb(':memory:');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT UNIQUE, v INTEGER, c TEXT)');
  const statements: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    statements.push(sql);
    return prepare(sql);
  }) as typeof db.prepare;
  const insert = multiRowInsert(db, 'INSERT INTO t (k, v, c)', "(?, ?, 'x')", 'ON CONFLICT (k) DO NOTHING');
  const rows = () => db.prepare<[], { id: number; k: string; v: number; c: string }>('SELECT * FROM t ORDER BY id').all();
  return { db, insert, rows, statements };
}

describe('SQLite multi-row insert', () => {
  it.each([0, 1, 3, 4, 5, 16, 63, 64, 65, 85, 200])('inserts %i rows in their order (ids follow it), every value in its column', (n) => {
    const { insert, rows } = table();
    const values: unknown[] = [];
    for (let i = 0; i < n; i++) values.push(`k${i}`, i);
    insert(values);
    expect(rows()).toEqual(Array.from({ length: n }, (_, i) => ({ id: i + 1, k: `k${i}`, v: i, c: 'x' })));
  });

  it('prepares one statement per size (64, 16, 4, 1 rows), once', () => {
    const { insert, statements } = table();
    const values = (n: number, from: number) => Array.from({ length: n }, (_, i) => [`k${from + i}`, i]).flat();
    insert(values(85, 0)); // 64 + 16 + 4 + 1
    insert(values(85, 100));
    expect(statements.length).toBe(4);
    expect(statements.map((s) => s.split('(?').length - 1)).toEqual([64, 16, 4, 1]);
  });

  it('applies the tail per row: a key taken before, or by an earlier row of the same batch, drops that row only', () => {
    const { insert, rows } = table();
    insert(['a', 1]);
    insert(['b', 2, 'a', 3, 'c', 4, 'b', 5, 'd', 6]);
    expect(rows().map((r) => [r.k, r.v])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 4],
      ['d', 6],
    ]);
  });

  it('refuses values that are not whole rows', () => {
    const { insert, rows } = table();
    expect(() => insert(['a', 1, 'b'])).toThrow(/3 values for rows of 2/);
    expect(rows()).toEqual([]);
  });
});
