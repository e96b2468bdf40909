/**
 * Rows passed to PostgreSQL as one JSON parameter of tuples, `[[v1, v2, …], …]`, read back with
 * `jsonb_array_elements` and `->>` by position. One JSON.stringify instead of node-postgres
 * escaping every element of a text array (a settle of 500 runs passed ~20,000 array elements,
 * ~12% of the process's CPU in a burst). Tuples, not objects, and jsonb, not json: the text is
 * lexed once (json_to_recordset lexes a json parameter twice, once to check it on input and
 * once to read it, and every key again with every row), which made JSON parsing a third of the
 * backend's instructions in a burst; tuples are about half its instructions.
 */

/** One column of a tuple: the row's field and its SQL type (`text` needs no cast). */
export type TupleColumn<R> = readonly [field: keyof R & string, type: string];

/**
 * The JSON text of `rows` as tuples in `columns` order (a missing field is null, a number a
 * string: see asJsonValue). A NUL character, which PostgreSQL text cannot hold, becomes U+FFFD:
 * in JSON text it is always the escape `\u0000` after an even run of backslashes (an odd one
 * would be an escaped backslash).
 */
export function jsonTuples<R extends object>(rows: readonly R[], columns: readonly TupleColumn<R>[]): string {
  const fields = columns.map(([field]) => field);
  const tuples = rows.map((r) => fields.map((f) => asJsonValue(r[f])));
  const json = JSON.stringify(tuples);
  return json.includes('\\u0000') ? json.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1\\ufffd') : json;
}

/**
 * A number goes as a JSON string: jsonb stores a JSON number as numeric (parsed by numeric_in,
 * printed again by `->>`), a string goes to the column's cast as it is (~5% of the backend's
 * instructions in a burst). Epoch ms, counts and flags are integers, so the text is exact; NaN
 * and infinities stay null, as JSON.stringify writes them.
 */
const asJsonValue = (v: unknown): unknown => (typeof v === 'number' ? (Number.isFinite(v) ? String(v) : null) : (v ?? null));

/** The select list reading `columns` out of the jsonb tuple `alias`: `(e->>0)::bigint AS at, e->>1 AS type, …`. */
export function tupleFields<R>(columns: readonly TupleColumn<R>[], alias: string): string {
  return columns
    .map(([field, type], i) => (type === 'text' ? `${alias}->>${i} AS ${field}` : `(${alias}->>${i})::${type} AS ${field}`))
    .join(', ');
}
