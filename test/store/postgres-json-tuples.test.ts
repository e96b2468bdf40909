import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { type TupleColumn, jsonTuples, tupleFields } from '../../src/store/postgres/json-tuples.js';
import { PG_URL, describePg } from './pg-harness.js';

/** Rows passed to PostgreSQL as one JSON parameter of tuples, read back by position. */

interface Row {
  s: string | null;
  n: number | null;
  k?: number | null;
}
const COLUMNS: ReadonlyArray<TupleColumn<Row>> = [
  ['s', 'text'],
  ['n', 'bigint'],
  ['k', 'int'],
];

describe('jsonTuples', () => {
  it('writes each row as a tuple in column order, a missing field as null, a number as its text (NaN as null)', () => {
    expect(
      JSON.parse(
        jsonTuples<Row>(
          [
            { s: 'a', n: 1796304926222, k: -2 },
            { s: null, n: 3, k: Number.NaN },
          ],
          COLUMNS,
        ),
      ),
    ).toEqual([
      ['a', '1796304926222', '-2'],
      [null, '3', null],
    ]);
  });

  it('turns NUL characters into U+FFFD and leaves a literal backslash-u0000 as written', () => {
    const strings = ['a\0b', '\0\0', 'a\\u0000b', 'a\\\0b', 'x\\\\\0', 'plain'];
    const back = (
      JSON.parse(
        jsonTuples<Row>(
          strings.map((s) => ({ s, n: null })),
          COLUMNS,
        ),
      ) as Array<[string]>
    ).map((t) => t[0]);
    expect(back).toEqual(['a\uFFFDb', '\uFFFD\uFFFD', 'a\\u0000b', 'a\\\uFFFDb', 'x\\\\\uFFFD', 'plain']);
  });
});

describePg('jsonTuples read back by tupleFields', () => {
  it('PostgreSQL reads every value back as written: quotes, escapes, JSON text, non-ASCII, nulls, epoch ms', async () => {
    const rows: Row[] = [
      { s: 'say "hi" \\ back\\slash\n\ttab', n: 1796304926222, k: 7 },
      { s: '{"runId":"01a2-x-3bd8","attempt":1}', n: -9007199254740991, k: null },
      { s: 'Grüße 🌍 \u2028 \u0001', n: null, k: 0 },
      { s: null, n: 0 },
      { s: '', n: 9007199254740991, k: -1 },
    ];
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    try {
      const { rows: back } = await c.query<{ ordinality: string; s: string | null; n: string | null; k: number | null }>(
        `SELECT t.ordinality, ${tupleFields(COLUMNS, 't.e')} FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, ordinality) ORDER BY 1`,
        [jsonTuples(rows, COLUMNS)],
      );
      expect(back.map((r) => ({ s: r.s, n: r.n === null ? null : Number(r.n), k: r.k }))).toEqual(
        rows.map((r) => ({ s: r.s, n: r.n, k: r.k ?? null })),
      );
    } finally {
      await c.end();
    }
  });
});
