import { backoffDelay, sleep } from './backoff.js';

/** An RFC 9457 problem as the API sends it. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  example?: string;
  errors?: Array<{ field: string; message: string; fix?: string }>;
  /** A 412 on a job: the job as it is now. */
  job?: unknown;
}

/** A refused or failed call: `status` 0 when the server could not be reached at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    /** The ETag the refusal carried (a 412: the version the resource has now). */
    readonly etag?: string,
  ) {
    super(describeProblem(problem, status));
  }
}

/** One readable sentence for a problem: its detail and each field with its fix. */
export function describeProblem(p: Problem, status: number): string {
  const fields = (p.errors ?? []).map((e) => `${e.field} ${e.message}${e.fix ? ` (${e.fix})` : ''}`);
  const head = p.detail ?? p.title ?? (status === 0 ? 'The server cannot be reached.' : `The server answered ${status}.`);
  return fields.length > 0 ? `${head} ${fields.join('; ')}` : head;
}

/** Who the page is logged in as (GET /api/v1/session). */
export interface Session {
  tokenName: string;
  access: 'full' | 'read';
  via: 'bearer' | 'cookie';
  csrfToken?: string;
}

export interface CallOptions {
  signal?: AbortSignal;
  /**
   * Retry network failures, 429 and 5xx with exponential backoff. On for reads and for changes
   * that mean the same when repeated (pause, resume, cancel, an edit); off for creating a job
   * and run now, where a lost answer to a request that did arrive would do it twice.
   */
  retry?: boolean;
  /**
   * Share a read of the same path already in flight instead of asking again. Only for answers
   * that may be a moment old: a read that the server answered before some change would hand that
   * older answer to a caller asking because of the change.
   */
  share?: boolean;
  /** Sent as If-Match: the change applies only while the resource is still this version (else 412). */
  ifMatch?: string;
}

/** An answer and the version (ETag) it was read at. */
export interface Versioned<T> {
  body: T;
  etag: string | undefined;
}

const RETRIES = 4;
const transient = (status: number): boolean => status === 0 || status === 429 || status >= 500;

/**
 * The dashboard's API client. Calls go with the session cookie (same origin); changes add the
 * session's CSRF token. A 401 means the session ended: `onUnauthorized` shows the login again.
 */
export class Api {
  csrfToken: string | undefined;
  onUnauthorized: () => void = () => {};
  /** Shared reads in flight, by path (CallOptions.share). */
  private readonly sharing = new Map<string, Promise<unknown>>();

  get<T>(path: string, opts: CallOptions = {}): Promise<T> {
    if (!opts.share) return this.call<T>('GET', path, undefined, { retry: true, ...opts });
    const pending = this.sharing.get(path);
    if (pending) return pending as Promise<T>;
    const read = this.call<T>('GET', path, undefined, { retry: true, ...opts }).finally(() => this.sharing.delete(path));
    this.sharing.set(path, read);
    return read;
  }

  /** A read with the version it was read at, for a change sent back with `ifMatch`. */
  getVersioned<T>(path: string, opts: CallOptions = {}): Promise<Versioned<T>> {
    return this.versioned<T>('GET', path, undefined, { retry: true, ...opts });
  }

  async send<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, opts: CallOptions = {}): Promise<T> {
    return this.call<T>(method, path, body, opts);
  }

  private async call<T>(method: string, path: string, body: unknown, opts: CallOptions): Promise<T> {
    return (await this.versioned<T>(method, path, body, opts)).body;
  }

  private async versioned<T>(method: string, path: string, body: unknown, opts: CallOptions): Promise<Versioned<T>> {
    for (let attempt = 0; ; attempt++) {
      const res = await this.once(method, path, body, opts);
      const etag = res.headers.get('etag') ?? undefined;
      if (res.ok) return { body: res.status === 204 ? (undefined as T) : ((await res.json()) as T), etag };
      const problem = await problemOf(res);
      if (res.status === 401) this.onUnauthorized();
      if (!opts.retry || !transient(res.status) || attempt >= RETRIES) throw new ApiError(res.status, problem, etag);
      const after = Number(res.headers.get('retry-after'));
      await sleep(after > 0 ? after * 1000 : backoffDelay(attempt), opts.signal);
    }
  }

  private async once(method: string, path: string, body: unknown, opts: CallOptions): Promise<Response> {
    const { signal, ifMatch } = opts;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    if (ifMatch !== undefined) headers['if-match'] = ifMatch;
    try {
      return await fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (err) {
      if (signal?.aborted) throw err;
      // Unreachable: a synthetic response so the retry loop treats it like any transient answer.
      return new Response(JSON.stringify({ detail: 'The server cannot be reached.' }), { status: 599 });
    }
  }
}

async function problemOf(res: Response): Promise<Problem> {
  try {
    return (await res.json()) as Problem;
  } catch {
    return { status: res.status };
  }
}
