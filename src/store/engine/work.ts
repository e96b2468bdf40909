/**
 * How the store engine is written once for a synchronous and an asynchronous database.
 *
 * Each store operation is a generator function ("work") that `yield`s query requests, one
 * named query of the dialect's query module each, and receives their results. A runner per
 * dialect drives it: SQLite's calls better-sqlite3 synchronously inside `db.transaction`, so a
 * SQLite store stays synchronous end to end (that is most of its speed: no promise, no
 * microtask per statement); PostgreSQL's awaits each query on one client between BEGIN and
 * COMMIT. The algorithm (what to read, what to write, in which order, what to decide between)
 * exists only in the work; the SQL only in the query modules.
 */

/** One query the work asks for: the name of a dialect query and its arguments. */
export interface QueryRequest {
  op: string;
  args: unknown[];
}

/** A store operation as a generator: yields query requests, returns the operation's result. */
export type Work<T> = Generator<QueryRequest, T, unknown>;

/** The work-side view of a query module: each query becomes a generator to `yield*`. */
export type Requests<Ops> = {
  [K in keyof Ops]: Ops[K] extends (...args: infer A) => infer R ? (...args: A) => Work<R> : never;
};

/** A query module's asynchronous form: each query takes the connection first and resolves later. */
export type AsyncQueries<Ops, C> = {
  [K in keyof Ops]: Ops[K] extends (...args: infer A) => infer R ? (c: C, ...args: A) => Promise<R> : never;
};

/**
 * `yield* q.getJob(id)` in a work: a request for the dialect's `getJob` whose result comes
 * back typed. One generator function per query name, made on first use.
 */
export function requests<Ops>(): Requests<Ops> {
  const made = new Map<string, (...args: unknown[]) => Work<unknown>>();
  const make = (op: string) =>
    function* request(...args: unknown[]): Work<unknown> {
      return yield { op, args };
    };
  return new Proxy({} as Requests<Ops>, {
    get(_target, op) {
      const name = String(op);
      let f = made.get(name);
      if (!f) {
        f = make(name);
        made.set(name, f);
      }
      return f;
    },
  });
}

/** A work that asks for nothing: an operation whose answer is known without the database. */
// biome-ignore lint/correctness/useYield: it is the one work that needs no query
export function* answer<T>(value: T): Work<T> {
  return value;
}

/**
 * A work that fails with `err` before asking anything: a check made before the work (an access
 * policy) fails the way the store answers, thrown by a synchronous store, rejected by an async one.
 */
// biome-ignore lint/correctness/useYield: it fails before any query
export function* refused<T>(err: unknown): Work<T> {
  throw err;
}

type QueryTable = Record<string, (...args: never[]) => unknown>;

/** Runs `work` to its end, calling each requested query synchronously; a throwing query is thrown into the work. */
export function runSync<T>(queries: object, work: Work<T>): T {
  const q = queries as QueryTable;
  let step = work.next();
  while (!step.done) {
    const { op, args } = step.value;
    let result: unknown;
    try {
      result = q[op]!(...(args as never[]));
    } catch (err) {
      step = work.throw(err);
      continue;
    }
    step = work.next(result);
  }
  return step.value;
}

/** Runs `work` to its end, awaiting each requested query on connection `c`; a failing query is thrown into the work. */
export async function runAsync<T, C>(queries: object, c: C, work: Work<T>): Promise<T> {
  const q = queries as QueryTable;
  let step = work.next();
  while (!step.done) {
    const { op, args } = step.value;
    let result: unknown;
    try {
      result = await q[op]!(...([c, ...args] as never[]));
    } catch (err) {
      step = work.throw(err);
      continue;
    }
    step = work.next(result);
  }
  return step.value;
}

/**
 * A type-level function, so one store class serves a synchronous and an asynchronous runner:
 * `Out<Sync, T>` is `T`, `Out<Async, T>` is `Promise<T>`.
 */
export interface Kind {
  readonly value: unknown;
  readonly out: unknown;
}
export type Out<F extends Kind, T> = (F & { readonly value: T })['out'];
export interface Sync extends Kind {
  readonly out: this['value'];
}
export interface Async extends Kind {
  readonly out: Promise<this['value']>;
}

/** How a dialect runs work: outside a transaction, in a write transaction, or in one rolled back. */
export interface Runner<F extends Kind> {
  /**
   * No transaction: each query on its own. For reads, and for one-statement writes that need
   * not wake other processes (heartbeats).
   */
  single<T>(work: Work<T>): Out<F, T>;
  /**
   * One write transaction, all or nothing. Other processes sharing the database are told of the
   * change unless `quiet(result)` says nothing changed.
   */
  write<T>(work: Work<T>, quiet?: (result: T) => boolean): Out<F, T>;
  /** A write transaction rolled back at its end: a dry run reports what the writes would do. */
  dryRun<T>(work: Work<T>): Out<F, T>;
}
