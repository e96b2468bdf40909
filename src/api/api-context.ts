import type { GhostContext } from '../core/ghost.js';
import type { Authenticated } from './auth/authenticate.js';

/**
 * The actor an API request runs as: entity type `API`, its session named after the token
 * (`api_generated-token`, or `api_generated-token_<session>` for a dashboard session) so logs
 * and history can tell which credential acted, never showing the secret.
 */
export function apiContext(auth: Pick<Authenticated, 'token' | 'sessionId'>): GhostContext {
  const sessionId = auth.sessionId ? `api_${auth.token.name}_${auth.sessionId}` : `api_${auth.token.name}`;
  return { entityType: 'API', sessionId, parentSessionId: null, isAutomated: false, actorName: auth.token.name };
}
