/**
 * Rows passed to PostgreSQL as one array parameter per column, in the binary array format, and
 * read back as rows by `unnest`. In a burst this was the cheapest of the ways measured (callgrind,
 * the PostgreSQL backend's instructions per job): one jsonb parameter of tuples read with `->>`
 * spent ~100k instructions a job parsing and taking fields out; text array literals about as
 * much (array_in scans every literal twice and calls the element type's input function per
 * element); binary arrays are read by length, each element copied or, for integers, taken as is.
 * node-postgres sends a Buffer parameter as binary, and the literal's bytes are written here:
 * node-postgres' own array escaping, element by element, was ~12% of the process's CPU.
 */

/** One column: the row's field and its SQL element type. */
export type ArrayColumn<R> = readonly [field: keyof R & string, type: ElementType];

type ElementType = 'text' | 'bigint' | 'int';

/** Each element type's OID (pg_type), which the binary array's header must name. */
const ELEMENT_OID: Record<ElementType, number> = { text: 25, bigint: 20, int: 23 };

/** PostgreSQL text cannot hold NUL (SQLite's can): it becomes U+FFFD, as long in UTF-16 (and no longer than 3 bytes in UTF-8). */
const asText = (v: unknown): string => {
  const s = typeof v === 'string' ? v : String(v);
  return s.includes('\0') ? s.replaceAll('\0', '\uFFFD') : s;
};

/** Null, undefined, NaN and infinities are NULL (as JSON would write them). */
const isNull = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v));

/** An integer column's value: epoch ms, counts and flags are integers; anything else is a bug, refused as PostgreSQL would refuse its text. */
function checkInteger(v: unknown, field: string, bits: 32 | 53): number {
  const ok = typeof v === 'number' && Number.isInteger(v) && (bits === 53 ? Number.isSafeInteger(v) : v >= -(2 ** 31) && v < 2 ** 31);
  if (!ok) throw new Error(`store: ${field} = ${JSON.stringify(v)} is not an integer PostgreSQL can hold`);
  return v as number;
}

/** An upper bound of the bytes of `rows`' arrays of `columns`: a UTF-16 unit takes at most 3 bytes of UTF-8. */
function sizeBound<R extends object>(rows: readonly R[], columns: readonly ArrayColumn<R>[]): number {
  let bound = 0;
  for (const [field, type] of columns) {
    bound += 20 + (type === 'text' ? 4 : type === 'bigint' ? 12 : 8) * rows.length;
    if (type !== 'text') continue;
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i]![field];
      if (!isNull(v)) bound += 3 * (typeof v === 'string' ? v.length : String(v).length);
    }
  }
  return bound;
}

const TWO_TO_32 = 2 ** 32;

/**
 * The array parameters of `rows`, one per column in `columns` order (a missing field is NULL),
 * each in array_recv's binary format: dimensions, a has-NULLs flag, the element type, one
 * dimension of `rows.length` from 1, then each element's byte length (-1: NULL) and bytes.
 * All are written into one buffer, in one pass (the byte length of a string is known once it is
 * written): a burst settles a few hundred runs at a time, and the cost of the JavaScript per
 * element, still unoptimized then, is what counts.
 */
export function columnArrays<R extends object>(rows: readonly R[], columns: readonly ArrayColumn<R>[]): Buffer[] {
  const buf = Buffer.allocUnsafe(sizeBound(rows, columns));
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const n = rows.length;
  const arrays: Buffer[] = [];
  let at = 0;
  for (const [field, type] of columns) {
    const start = at;
    view.setInt32(at, n > 0 ? 1 : 0);
    view.setInt32(at + 4, 0); // has NULLs: set below
    view.setInt32(at + 8, ELEMENT_OID[type]);
    at += 12;
    if (n > 0) {
      view.setInt32(at, n);
      view.setInt32(at + 4, 1);
      at += 8;
    }
    for (let i = 0; i < n; i++) {
      const v = rows[i]![field];
      if (isNull(v)) {
        view.setInt32(at, -1);
        view.setInt32(start + 4, 1);
        at += 4;
      } else if (type === 'text') {
        const bytes = buf.write(asText(v), at + 4);
        view.setInt32(at, bytes);
        at += 4 + bytes;
      } else if (type === 'int') {
        view.setInt32(at, 4);
        view.setInt32(at + 4, checkInteger(v, field, 32));
        at += 8;
      } else {
        // Two 32-bit halves: exact for every safe integer, without a BigInt per value.
        const x = checkInteger(v, field, 53);
        const high = Math.floor(x / TWO_TO_32);
        view.setInt32(at, 8);
        view.setInt32(at + 4, high);
        view.setUint32(at + 8, x - high * TWO_TO_32);
        at += 12;
      }
    }
    arrays.push(buf.subarray(start, at));
  }
  return arrays;
}

/**
 * The FROM item reading `columns` back as rows from the parameters `$first…`, in `columns`
 * order, with `ordinality`, the 1-based row index: `(SELECT unnest($2::text[]) AS id, …,
 * generate_subscripts($2::text[], 1) AS ordinality) AS alias`. Set-returning functions in a
 * select list step through their arrays together, one row at a time; in FROM (`unnest(a, b, …)
 * WITH ORDINALITY`) each array is first copied into a tuplestore of its own (~7% of the
 * backend's instructions in a burst).
 */
export function unnestColumns<R>(columns: readonly ArrayColumn<R>[], first: number, alias: string): string {
  const fields = columns.map(([field, type], i) => `unnest($${first + i}::${type}[]) AS ${field}`).join(', ');
  return `(SELECT ${fields}, generate_subscripts($${first}::${columns[0]![1]}[], 1) AS ordinality) AS ${alias}`;
}
