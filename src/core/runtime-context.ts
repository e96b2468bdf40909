import { AsyncLocalStorage } from 'node:async_hooks';
import type { GhostContext } from './ghost.js';
import { ghostSessionId } from './ghost.js';

/**
 * Carries "who is acting" through async calls. Code that must refuse automated
 * callers (the notes store) reads it here instead of trusting an argument.
 */
const storage = new AsyncLocalStorage<GhostContext>();

const UNKNOWN: GhostContext = { entityType: 'UNKNOWN', sessionId: 'unknown', parentSessionId: null, isAutomated: false };

/** Runs `fn` with `ctx` as the current actor. */
export function runWithContext<T>(ctx: GhostContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

/** The current actor; UNKNOWN outside any context. */
export function currentContext(): GhostContext {
  return storage.getStore() ?? UNKNOWN;
}

/** A person talking live, e.g. session `tg_10018049`; `actorName` (`telegram:42`) names them in the event log. */
export function humanContext(sessionId: string, actorName?: string): GhostContext {
  const ctx: GhostContext = { entityType: 'HUMAN', sessionId, parentSessionId: null, isAutomated: false };
  return actorName === undefined ? ctx : { ...ctx, actorName };
}

/** The ghost a scheduled run of `jobId` executes as. */
export function schedulerContext(jobId: string, parentSessionId: string | null): GhostContext {
  return { entityType: 'SCHEDULER', sessionId: ghostSessionId(jobId), parentSessionId, isAutomated: true, jobId };
}
