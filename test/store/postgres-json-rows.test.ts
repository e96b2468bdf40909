import { describe, expect, it } from 'vitest';
import { jsonRows } from '../../src/store/postgres/db.js';

/** Rows passed to PostgreSQL as one JSON parameter: NUL, which its text cannot hold, becomes U+FFFD. */
describe('jsonRows', () => {
  it('turns NUL characters into U+FFFD and leaves a literal backslash-u0000 as written', () => {
    const strings = ['a\0b', '\0\0', 'a\\u0000b', 'a\\\0b', 'x\\\\\0', 'plain'];
    const back = (JSON.parse(jsonRows(strings.map((s) => ({ s })))) as Array<{ s: string }>).map((r) => r.s);
    expect(back).toEqual(['a\uFFFDb', '\uFFFD\uFFFD', 'a\\u0000b', 'a\\\uFFFDb', 'x\\\\\uFFFD', 'plain']);
  });
});
