import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AuthDeps } from '../auth/authenticate.js';
import { assertNotThrottled } from '../auth/authenticate.js';
import { SESSION_COOKIE, SESSION_MAX_AGE_MS, csrfFor, issueSession } from '../auth/session.js';
import { type ApiToken, matchToken } from '../auth/tokens.js';
import { problemDoc } from '../job-schemas.js';
import { ApiProblem } from '../problem.js';
import type { RouteTable } from '../route-table.js';

function setSession(reply: FastifyReply, token: ApiToken, nowMs: number): string {
  const s = issueSession(token, nowMs);
  void reply.setCookie(SESSION_COOKIE, s.cookie, { httpOnly: true, sameSite: 'strict', path: '/', maxAge: SESSION_MAX_AGE_MS / 1000 });
  return s.csrfToken;
}

function tokenOrFail(deps: AuthDeps, ip: string, presented: string): ApiToken {
  const token = matchToken(deps.tokens, presented);
  if (token) return token;
  deps.limiter.recordFailure(ip);
  throw new ApiProblem(
    401,
    'unauthorized',
    'Wrong token',
    'That token is not valid: use the login URL Chime printed at start, or CHIME_API_TOKEN.',
  );
}

const loginQuery = z
  .object({ token: z.string().min(1, 'is missing | Fix: open the login URL Chime printed at start').describe('The API token.') })
  .strict();
const loginBody = z
  .object({ token: z.string().min(1, 'is empty | Fix: send {"token":"<your token>"}').describe('The API token.') })
  .strict();
const sessionDoc = z.object({ tokenName: z.string(), access: z.enum(['full', 'read']), csrfToken: z.string() });
const wrongToken = { description: 'Wrong token', schema: problemDoc };
const throttled = { description: 'Too many wrong tokens from this address (Retry-After)', schema: problemDoc };

/**
 * Logging in turns a token into the dashboard's session cookie: `GET /login?token=…` is the
 * one-click URL printed at start (it redirects to the dashboard, so the token leaves the
 * address bar), `POST /api/v1/session` the same for scripts and the login form. Both run
 * before any authentication, validated like every other route.
 */
export function registerSessionRoutes(routes: RouteTable, deps: AuthDeps): void {
  const tags = ['session'];
  routes.addPublic({
    method: 'GET',
    url: '/login',
    operationId: 'login',
    summary: 'One-click login: sets the session cookie and redirects to the dashboard',
    tags,
    query: loginQuery,
    status: 303,
    responses: {
      303: { description: 'Logged in; redirects to /' },
      400: { description: 'No token', schema: problemDoc },
      401: wrongToken,
      429: throttled,
    },
    handler: async ({ query, request, reply }) => {
      assertNotThrottled(deps, request.ip);
      setSession(reply, tokenOrFail(deps, request.ip, query.token), deps.nowMs());
      return reply.redirect('/', 303);
    },
  });

  routes.addPublic({
    method: 'POST',
    url: '/api/v1/session',
    operationId: 'createSession',
    summary: 'Log in with a token: sets the session cookie, returns the CSRF token',
    tags,
    body: loginBody,
    status: 201,
    responses: {
      201: { description: 'Logged in', schema: sessionDoc },
      400: { description: 'No token', schema: problemDoc },
      401: wrongToken,
      429: throttled,
    },
    handler: async ({ body, request, reply }) => {
      assertNotThrottled(deps, request.ip);
      const token = tokenOrFail(deps, request.ip, body.token);
      const csrfToken = setSession(reply, token, deps.nowMs());
      return reply.code(201).send({ tokenName: token.name, access: token.access, csrfToken });
    },
  });

  routes.add({
    method: 'GET',
    url: '/api/v1/session',
    operationId: 'getSession',
    summary: 'Who is calling, and the CSRF token a dashboard session sends with changes',
    tags,
    responses: { 200: { description: 'The caller' } },
    handler: async ({ auth }) => ({
      tokenName: auth.token.name,
      access: auth.token.access,
      via: auth.via,
      ...(auth.sessionId !== undefined ? { csrfToken: csrfFor(auth.token, auth.sessionId) } : {}),
    }),
  });

  routes.addPublic({
    method: 'DELETE',
    url: '/api/v1/session',
    operationId: 'deleteSession',
    summary: 'Log out (clears the cookie)',
    tags,
    status: 204,
    responses: { 204: { description: 'Logged out' } },
    handler: async ({ reply }) => {
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  });
}
