import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isLocalHostName, nonPublicReason } from './public-address.js';

/** A fetch that honours an AbortSignal; injectable so tests and benchmarks stay local. */
export type FetchLike = (url: string, init: { method: string; signal: AbortSignal }) => Promise<{ status: number }>;

/** Resolves a host name to all its addresses (node:dns `lookup` with `all: true`). */
export type ResolveAll = (
  hostname: string,
  options: LookupAllOptions,
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

export interface GuardedFetchOptions {
  /** Let URLs reach loopback, private, link-local and other non-public addresses. Default false. */
  allowPrivate?: boolean;
  /** Longest wait for one request's status line, from connect to headers (ms). Default 10 s. */
  timeoutMs?: number;
  /** Redirects followed, each checked like the first request. Default 5. */
  maxRedirects?: number;
  /** The resolver; default node:dns. Tests give names their own addresses. */
  resolve?: ResolveAll;
  /** Why an address is not public (undefined: public); default `nonPublicReason`. */
  classify?: (address: string) => string | undefined;
}

/** Error code of a request refused because of where it would connect. */
export const ADDRESS_REFUSED = 'ERR_CHIME_ADDRESS_REFUSED';

/** A request refused before connecting: retrying cannot help. */
export class AddressRefusedError extends Error {
  override name = 'AddressRefusedError';
  readonly code = ADDRESS_REFUSED;
}

export function isAddressRefused(err: unknown): err is AddressRefusedError {
  return (err as { code?: unknown } | null)?.code === ADDRESS_REFUSED;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const USER_AGENT = 'Chime-watch/1 (+uptime check)';

function refusal(host: string, why: string): AddressRefusedError {
  return new AddressRefusedError(
    `refused: ${host} is ${why}; only public addresses are watched (an operator can allow others with CHIME_WATCH_ALLOW_PRIVATE=true)`,
  );
}

/** The resolved options: what every request of one guarded fetch shares. */
interface Guard {
  allowPrivate: boolean;
  timeoutMs: number;
  classify: (address: string) => string | undefined;
  lookup: LookupFunction;
}

/**
 * The socket's `lookup`: every address a name resolves to must be public, otherwise the
 * connection attempt (which may try several addresses) could end on the private one.
 */
function publicOnlyLookup(resolve: ResolveAll, classify: Guard['classify'], allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      if (!allowPrivate) {
        for (const a of addresses) {
          const why = classify(a.address);
          if (why) return callback(refusal(hostname, why), '', 0);
        }
      }
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
}

/** A literal IP or a local name is refused before connecting (no lookup happens for those). */
function checkHost(url: URL, guard: Guard): void {
  if (guard.allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    const why = guard.classify(host);
    if (why) throw refusal(host, why);
  } else if (isLocalHostName(host)) {
    throw refusal(host, 'this machine');
  }
}

/** One request: its status (and redirect target), the body never read, within the guard's deadline. */
function requestOnce(url: URL, method: string, signal: AbortSignal, guard: Guard): Promise<{ status: number; location?: string }> {
  checkHost(url, guard);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolveStatus, reject) => {
    const deadline = AbortSignal.timeout(guard.timeoutMs);
    const req = client.request(url, {
      method,
      lookup: guard.lookup,
      // A fresh connection per check: a pooled socket would skip the address check.
      agent: false,
      signal: AbortSignal.any([signal, deadline]),
      headers: { 'user-agent': USER_AGENT, accept: '*/*' },
    });
    req.once('response', (res) => {
      const location = res.headers.location;
      resolveStatus({ status: res.statusCode ?? 0, ...(location ? { location } : {}) });
      // Only the status matters: close instead of reading (or buffering) the body.
      res.destroy();
      req.destroy();
    });
    req.once('error', (err) => {
      if (deadline.aborted && !signal.aborted) reject(new Error(`no answer within ${Math.round(guard.timeoutMs / 1000)} s`));
      else reject(err);
    });
    req.end();
  });
}

/** Where a redirect leads and with which method; only http(s) targets are followed. */
function redirectTarget(from: URL, location: string, status: number, method: string): { url: URL; method: string } {
  const url = new URL(location, from);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AddressRefusedError(`refused: redirect to ${url.protocol} URL`);
  // As browsers do: 303, and 301/302 after a POST, continue with GET.
  const asGet = status === 303 || ((status === 301 || status === 302) && method === 'POST');
  return { url, method: asGet ? 'GET' : method };
}

/**
 * A status-only HTTP client for watching URLs, safe to point at addresses chat users choose:
 * - the address actually connected to is checked (a `lookup` hook on the socket, so a name
 *   that resolves to a public address when asked and a private one when connecting — DNS
 *   rebinding — still cannot reach a private one); a literal IP is checked before connecting;
 * - every redirect hop is a new request checked the same way;
 * - the body is never read: the connection closes as soon as the status line has arrived;
 * - each request has its own deadline.
 */
export function guardedFetch(opts: GuardedFetchOptions = {}): FetchLike {
  const allowPrivate = opts.allowPrivate ?? false;
  const classify = opts.classify ?? nonPublicReason;
  const resolve: ResolveAll = opts.resolve ?? (dnsLookup as unknown as ResolveAll);
  const guard: Guard = {
    allowPrivate,
    timeoutMs: opts.timeoutMs ?? 10_000,
    classify,
    lookup: publicOnlyLookup(resolve, classify, allowPrivate),
  };
  const maxRedirects = opts.maxRedirects ?? 5;

  return async (rawUrl, init) => {
    let url = new URL(rawUrl);
    let method = init.method;
    for (let hop = 0; ; hop++) {
      const { status, location } = await requestOnce(url, method, init.signal, guard);
      if (!REDIRECTS.has(status) || location === undefined) return { status };
      if (hop >= maxRedirects) throw new Error(`more than ${maxRedirects} redirects`);
      ({ url, method } = redirectTarget(url, location, status, method));
    }
  };
}
