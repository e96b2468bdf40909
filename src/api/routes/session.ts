import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AuthDeps } from '../auth/authenticate.js';
import { assertNotThrottled } from '../auth/authenticate.js';
import { SESSION_COOKIE, SESSION_MAX_AGE_MS, csrfFor, issueSession } from '../auth/session.js';
import { type ApiToken, matchToken } from '../auth/tokens.js';
import { ApiProblem, validationProblem } from '../problem.js';
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

/**
 * Logging in turns a token into the dashboard's session cookie: `GET /login?token=…` is the
 * one-click URL printed at start (it redirects to the dashboard, so the token leaves the
 * address bar), `POST /api/v1/session` the same for scripts and the login form.
 */
export function registerSessionRoutes(app: FastifyInstance, routes: RouteTable, deps: AuthDeps): void {
  app.get('/login', { config: { public: true } }, async (request, reply) => {
    assertNotThrottled(deps, request.ip);
    const token = (request.query as { token?: unknown }).token;
    if (typeof token !== 'string' || token === '')
      throw validationProblem([{ field: 'query.token', message: 'is missing', fix: 'open the login URL Chime printed at start' }]);
    setSession(reply, tokenOrFail(deps, request.ip, token), deps.nowMs());
    return reply.redirect('/', 303);
  });

  app.post('/api/v1/session', { config: { public: true } }, async (request, reply) => {
    assertNotThrottled(deps, request.ip);
    const parsed = z
      .object({ token: z.string().min(1) })
      .strict()
      .safeParse(request.body);
    if (!parsed.success) throw validationProblem([{ field: 'body.token', message: 'is missing', fix: 'send {"token":"<your token>"}' }]);
    const token = tokenOrFail(deps, request.ip, parsed.data.token);
    const csrfToken = setSession(reply, token, deps.nowMs());
    return reply.code(201).send({ tokenName: token.name, access: token.access, csrfToken });
  });

  routes.add({
    method: 'GET',
    url: '/api/v1/session',
    operationId: 'getSession',
    summary: 'Who is calling, and the CSRF token a dashboard session sends with changes',
    tags: ['session'],
    responses: { 200: { description: 'The caller' } },
    handler: async ({ auth }) => ({
      tokenName: auth.token.name,
      access: auth.token.access,
      via: auth.via,
      ...(auth.sessionId !== undefined ? { csrfToken: csrfFor(auth.token, auth.sessionId) } : {}),
    }),
  });

  app.delete('/api/v1/session', { config: { public: true } }, async (_request, reply) => {
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });
}

/** The login routes, which run before any authentication, described for the OpenAPI document. */
export const sessionPaths: Record<string, unknown> = {
  '/login': {
    get: {
      operationId: 'login',
      summary: 'One-click login: sets the session cookie and redirects to the dashboard',
      tags: ['session'],
      security: [],
      parameters: [{ name: 'token', in: 'query', required: true, schema: { type: 'string' } }],
      responses: { 303: { description: 'Logged in' }, 401: { description: 'Wrong token' }, 429: { description: 'Too many wrong tokens' } },
    },
  },
  '/api/v1/session': {
    post: {
      operationId: 'createSession',
      summary: 'Log in with a token: sets the session cookie, returns the CSRF token',
      tags: ['session'],
      security: [],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: { type: 'object', properties: { token: { type: 'string' } }, required: ['token'], additionalProperties: false },
          },
        },
      },
      responses: { 201: { description: 'Logged in' }, 401: { description: 'Wrong token' }, 429: { description: 'Too many wrong tokens' } },
    },
    delete: {
      operationId: 'deleteSession',
      summary: 'Log out (clears the cookie)',
      tags: ['session'],
      security: [],
      responses: { 204: { description: 'Logged out' } },
    },
  },
};
