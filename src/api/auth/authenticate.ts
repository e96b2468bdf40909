import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblem } from '../problem.js';
import type { BadTokenLimiter } from './bad-token-limiter.js';
import { CSRF_HEADER, SESSION_COOKIE, csrfMatches, verifySession } from './session.js';
import { type ApiToken, matchToken } from './tokens.js';

/** Who made a request, once authenticated. */
export interface Authenticated {
  token: ApiToken;
  via: 'bearer' | 'cookie';
  /** The dashboard session, for cookie requests. */
  sessionId?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth?: Authenticated;
  }
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const unauthorized = (detail: string): ApiProblem =>
  new ApiProblem(401, 'unauthorized', 'Authentication required', detail, { headers: { 'www-authenticate': 'Bearer realm="chime"' } });

export interface AuthDeps {
  tokens: readonly ApiToken[];
  limiter: BadTokenLimiter;
  nowMs: () => number;
}

/** Refuses an address that guessed wrong too often, before looking at what it sends. */
export function assertNotThrottled(deps: AuthDeps, address: string): void {
  const wait = deps.limiter.retryAfterMs(address);
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    throw new ApiProblem(
      429,
      'too-many-failures',
      'Too many failed logins',
      `Too many wrong tokens from this address; try again in ${seconds} s.`,
      {
        headers: { 'retry-after': String(seconds) },
      },
    );
  }
}

/**
 * The onRequest check of every protected route: a bearer token, or the dashboard's session
 * cookie (then a mutating request must also carry the session's CSRF token, and an Origin
 * header, when the browser sends one, must be this server). A read-only token may only read.
 */
export function authenticate(deps: AuthDeps) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    request.auth = authenticateParts(deps, request);
  };
}

/** What authentication reads of a request: a Fastify request, or a WebSocket upgrade's parts. */
export interface RequestParts {
  ip: string;
  method: string;
  headers: Record<string, string | string[] | undefined>;
  cookies: Record<string, string | undefined>;
}

/**
 * The check itself, for routes (through {@link authenticate}) and the WebSocket upgrade, which
 * Fastify's hooks do not see: the credential, then what it may do. Throws ApiProblem.
 */
export function authenticateParts(deps: AuthDeps, request: RequestParts): Authenticated {
  const header = request.headers.authorization;
  let auth: Authenticated;
  if (typeof header === 'string') {
    // A bearer token is what a guesser sends: throttled, and every wrong one counts.
    assertNotThrottled(deps, request.ip);
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m?.[1]) throw unauthorized('The Authorization header must be "Bearer <token>".');
    const token = matchToken(deps.tokens, m[1]);
    if (!token) {
      deps.limiter.recordFailure(request.ip);
      throw unauthorized('That token is not valid. Use CHIME_API_TOKEN, CHIME_API_READONLY_TOKEN or the token Chime printed at start.');
    }
    auth = { token, via: 'bearer' };
  } else {
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie === undefined) {
      assertNotThrottled(deps, request.ip);
      throw unauthorized('Send "Authorization: Bearer <token>", or log in with the URL Chime printed at start.');
    }
    // Not throttled either way: a valid session was earned with the token, so the owner's open
    // dashboard keeps working while someone else at the same address (every local client is
    // 127.0.0.1, and behind a reverse proxy every client is the proxy) guesses tokens; and a
    // session cannot be guessed (a 256-bit HMAC), so a bad one is a stale tab (the token rotated,
    // the week passed), not an attack, and must not lock the address out of the login form.
    const session = verifySession(deps.tokens, cookie, deps.nowMs());
    if (!session) throw unauthorized('Your session has expired or its token changed: log in again with the URL Chime printed at start.');
    auth = { token: session.token, via: 'cookie', sessionId: session.sessionId };
  }
  const mutating = !READ_METHODS.has(request.method);
  if (mutating && auth.token.access === 'read') {
    throw new ApiProblem(
      403,
      'read-only',
      'Read-only token',
      `The ${auth.token.name} may only read (GET); ${request.method} needs CHIME_API_TOKEN.`,
    );
  }
  if (mutating && auth.via === 'cookie') {
    const origin = request.headers.origin;
    if (typeof origin === 'string' && !sameOrigin(origin, firstHeader(request.headers.host))) {
      throw new ApiProblem(403, 'csrf', 'Cross-site request refused', `A request from ${origin} may not change anything here.`);
    }
    const csrf = request.headers[CSRF_HEADER];
    if (!csrfMatches(auth.token, auth.sessionId ?? '', typeof csrf === 'string' ? csrf : undefined)) {
      throw new ApiProblem(
        403,
        'csrf',
        'CSRF token missing',
        `A change made with the session cookie needs the ${CSRF_HEADER} header from GET /api/v1/session.`,
      );
    }
  }
  return auth;
}

const firstHeader = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** Whether an Origin header names this server (a browser's cross-site request does not). */
export function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
