import pg from 'pg';

/** What runs SQL: the pool (one statement, autocommit) or a client inside a transaction. */
export interface Sql {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(config: pg.QueryConfig | string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** A fixed statement, prepared once per connection under its name (node-postgres caches it). */
export interface Statement {
  name: string;
  text: string;
}

/** Runs a named statement with positional parameters. */
export function exec<R extends pg.QueryResultRow>(db: Sql, st: Statement, values: unknown[] = []): Promise<pg.QueryResult<R>> {
  return db.query<R>({ name: st.name, text: st.text, values: values.map(textParam) });
}

/** Runs SQL built at call time (filter shapes), unprepared. */
export function query<R extends pg.QueryResultRow>(db: Sql, text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
  return db.query<R>(text, values.map(textParam));
}

/**
 * PostgreSQL text cannot hold NUL (SQLite's can): a command's output with a `\0` in it would
 * make its settle fail on every attempt. NUL becomes U+FFFD, in strings and string arrays.
 */
function textParam(v: unknown): unknown {
  if (typeof v === 'string') return v.includes('\0') ? v.replaceAll('\0', '\uFFFD') : v;
  if (Array.isArray(v)) return v.some((x) => typeof x === 'string' && x.includes('\0')) ? v.map(textParam) : v;
  return v;
}

/**
 * Schema names become identifiers and channel names, so they are checked, never quoted by
 * hand: lower-case letters, digits and `_`, at most 40 characters (the LISTEN channel
 * `chime_changes_<schema>` must stay under PostgreSQL's 63-byte identifier limit).
 */
export function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,39}$/.test(schema)) {
    throw new Error(`store: PostgreSQL schema name ${JSON.stringify(schema)} must be lower-case letters, digits and _ (at most 40)`);
  }
  return schema;
}

// int8 (BIGINT, COUNT(*)) arrives as text by default; every such value here is an epoch ms,
// an id or a count, far below 2^53, so a number is exact. Per pool: the global pg.types stay as they are.
const INT8_OID = 20;
const parseInt8 = (text: string): number => Number(text);
const getTypeParser = ((oid: number, format?: 'text' | 'binary') =>
  oid === INT8_OID && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser;

/** Give up connecting after this long (ms): an unreachable host must not hang startup for minutes. */
export const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Connection settings shared by the pool and the LISTEN client: BIGINT as number,
 * `search_path` = the schema, a connect timeout, and TCP keep-alive so a connection that died
 * silently (a NAT or failover dropping it) errors instead of waiting forever for notifications.
 * `application_name` is `chime/<schema>`, so pg_stat_activity (an operator's view, the burst
 * bench's CPU count) tells Chime's connections apart, and which schema each serves.
 */
export function connectionConfig(url: string, schema: string): pg.ClientConfig {
  return {
    connectionString: url,
    application_name: `chime/${checkSchemaName(schema)}`,
    types: { getTypeParser },
    options: `-c search_path=${checkSchemaName(schema)}`,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
  };
}

/** `host:port/database` of a connection URL, for error messages: never the password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return '(unparsable URL)';
  }
}

/** A pool on `schema`. Errors of idle connections (server restart) are dropped, not thrown at the process. */
export function openPool(url: string, schema: string, size: number): pg.Pool {
  const pool = new pg.Pool({ ...connectionConfig(url, schema), max: size });
  pool.on('error', () => {
    // An idle client died; the pool discards it and the next query opens a fresh one.
  });
  return pool;
}

/**
 * Runs `fn` in one transaction on a pooled client. `commitSql` replaces the plain COMMIT (the
 * job store prefixes its NOTIFY, saving a round trip). On any error the transaction is rolled
 * back, and a client that cannot even roll back is destroyed instead of returned to the pool.
 */
export async function transaction<T>(
  pool: pg.Pool,
  fn: (c: pg.PoolClient) => Promise<T>,
  commitSql: (result: T) => string = () => 'COMMIT',
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query(commitSql(result));
    client.release();
    return result;
  } catch (err) {
    let broken: Error | undefined;
    await client.query('ROLLBACK').catch((e: unknown) => (broken = e instanceof Error ? e : new Error(String(e))));
    client.release(broken);
    throw err;
  }
}
