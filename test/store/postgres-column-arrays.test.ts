import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { type ArrayColumn, columnArrays, unnestColumns } from '../../src/store/postgres/column-arrays.js';
import { PG_URL, describePg } from './pg-harness.js';

/** Rows passed to PostgreSQL as one binary array per column, read back as rows by unnest. */

interface Row {
  s: string | null;
  n: number | null;
  k?: number | null;
}
const COLUMNS: ReadonlyArray<ArrayColumn<Row>> = [
  ['s', 'text'],
  ['n', 'bigint'],
  ['k', 'int'],
];

/** The rows PostgreSQL reads back from `rows`' arrays, in order, bigints as numbers. */
async function readBack(rows: Row[]): Promise<Array<{ ordinality: number; s: string | null; n: number | null; k: number | null }>> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    const { rows: back } = await c.query<{ ordinality: number; s: string | null; n: string | null; k: number | null }>(
      `SELECT t.* FROM ${unnestColumns(COLUMNS, 1, 't')} ORDER BY t.ordinality`,
      columnArrays(rows, COLUMNS),
    );
    return back.map((r) => ({ ordinality: r.ordinality, s: r.s, n: r.n === null ? null : Number(r.n), k: r.k }));
  } finally {
    await c.end();
  }
}

describe('columnArrays', () => {
  it('refuses a value an integer column cannot hold, as PostgreSQL refuses its text', () => {
    expect(() => columnArrays<Row>([{ s: null, n: 1.5 }], COLUMNS)).toThrow(/n = 1.5/);
    expect(() => columnArrays<Row>([{ s: null, n: 2 ** 53 }], COLUMNS)).toThrow(/n = 9007199254740992/);
    expect(() => columnArrays<Row>([{ s: null, n: 0, k: 2 ** 31 }], COLUMNS)).toThrow(/k = 2147483648/);
    expect(() => columnArrays([{ s: null, n: '12' } as unknown as Row], COLUMNS)).toThrow(/n = "12"/);
  });
});

describePg('columnArrays read back by unnestColumns', () => {
  it('PostgreSQL reads every value back as written: quotes, escapes, JSON text, non-ASCII, nulls, epoch ms, int range', async () => {
    const rows: Row[] = [
      { s: 'say "hi" \\ back\\slash\n\ttab', n: 1796304926222, k: 7 },
      { s: '{"runId":"01a2-x-3bd8","attempt":1}', n: -9007199254740991, k: null },
      { s: 'Grüße 🌍 \u2028 \u0001', n: null, k: 0 },
      { s: null, n: 0 },
      { s: '', n: 9007199254740991, k: -1 },
      { s: 'NULL', n: -1, k: 2 ** 31 - 1 },
      { s: ' {a,b} ', n: 2 ** 32, k: -(2 ** 31) },
      { s: 'x', n: Number.NaN, k: Number.POSITIVE_INFINITY },
    ];
    expect(await readBack(rows)).toEqual(
      rows.map((r, i) => ({
        ordinality: i + 1,
        s: r.s,
        n: r.n === null || Number.isNaN(r.n) ? null : r.n,
        k: r.k === undefined || r.k === Number.POSITIVE_INFINITY ? null : r.k,
      })),
    );
  });

  it('turns NUL characters, which PostgreSQL text cannot hold, into U+FFFD', async () => {
    const strings = ['a\0b', '\0\0', 'a\\u0000b', 'ü\0'];
    expect((await readBack(strings.map((s) => ({ s, n: 1 })))).map((r) => r.s)).toEqual([
      'a\uFFFDb',
      '\uFFFD\uFFFD',
      'a\\u0000b',
      'ü\uFFFD',
    ]);
  });

  it('reads no rows from no rows', async () => {
    expect(await readBack([])).toEqual([]);
  });
});
