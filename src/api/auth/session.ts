import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiToken } from './tokens.js';

/** The dashboard's session cookie. */
export const SESSION_COOKIE = 'chime_session';
/** Header a cookie-authenticated mutating request must carry (the page reads it from /api/v1/session). */
export const CSRF_HEADER = 'x-csrf-token';
/** A session lasts a week; then the login URL is needed again. */
export const SESSION_MAX_AGE_MS = 7 * 24 * 3600_000;

const mac = (secret: string, purpose: string, data: string): string =>
  createHmac('sha256', secret).update(`${purpose}:${data}`).digest('base64url');

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A session is `<token name>.<session id>.<issued ms>.<mac>`, the mac keyed by the token's own
 * secret: nothing is kept on the server, a session dies with its token (rotating
 * CHIME_API_TOKEN logs every dashboard out) and cannot be forged without the token.
 */
export function issueSession(token: ApiToken, nowMs: number): { cookie: string; sessionId: string; csrfToken: string } {
  const sessionId = randomBytes(12).toString('base64url');
  const data = `${token.name}.${sessionId}.${nowMs}`;
  return { cookie: `${data}.${mac(token.secret, 'session', data)}`, sessionId, csrfToken: csrfFor(token, sessionId) };
}

/** The token and session id a cookie stands for, or undefined when forged, foreign or expired. */
export function verifySession(
  tokens: readonly ApiToken[],
  cookie: string,
  nowMs: number,
): { token: ApiToken; sessionId: string } | undefined {
  const parts = cookie.split('.');
  if (parts.length !== 4) return undefined;
  const [name, sessionId, issued, given] = parts as [string, string, string, string];
  const token = tokens.find((t) => t.name === name);
  if (!token) return undefined;
  if (!sameText(mac(token.secret, 'session', `${name}.${sessionId}.${issued}`), given)) return undefined;
  const issuedMs = Number(issued);
  if (!Number.isFinite(issuedMs) || nowMs - issuedMs > SESSION_MAX_AGE_MS || issuedMs > nowMs + 60_000) return undefined;
  return { token, sessionId };
}

/**
 * The CSRF token of a session: a page of another site can make the browser send the cookie
 * (SameSite=Strict already stops most of that) but cannot read this value, which only our
 * page gets from `GET /api/v1/session`.
 */
export function csrfFor(token: ApiToken, sessionId: string): string {
  return mac(token.secret, 'csrf', sessionId);
}

export function csrfMatches(token: ApiToken, sessionId: string, presented: string | undefined): boolean {
  return presented !== undefined && sameText(csrfFor(token, sessionId), presented);
}
