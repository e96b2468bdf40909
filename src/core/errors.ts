/**
 * Errors carry their kind, so each layer knows what to do with them:
 * - UserError: bad input from a person. Goes back to the chat verbatim and changes nothing.
 * - NotFoundError / ForbiddenError: user-facing too, with their own codes.
 * - anything else is a bug or a broken dependency: logged with its context, and the person is
 *   told that nothing was changed, in these words (every platform and the chat say the same).
 */
export const GENERIC_FAILURE = 'Something went wrong, nothing was changed. Please try again.';

export class UserError extends Error {
  override name = 'UserError';
  constructor(
    /** Stable machine code, e.g. `schedule.invalid`. */
    readonly code: string,
    message: string,
    /** An input that would have worked, shown to the user. */
    readonly example?: string,
  ) {
    super(message);
  }
}

export class NotFoundError extends UserError {
  override name = 'NotFoundError';
  constructor(what: string, id: string) {
    super('not_found', `No ${what} with id "${id}".`);
  }
}

export class ForbiddenError extends UserError {
  override name = 'ForbiddenError';
  constructor(message: string) {
    super('forbidden', message);
  }
}

/** Notes access refused by who is acting: a scheduled run (SCHEDULER) never reads or changes a person's notes. */
export class MemoryAccessDenied extends Error {
  override name = 'MemoryAccessDenied';
  constructor(
    readonly entityType: string,
    readonly operation: 'read' | 'write',
  ) {
    super(`Memory ${operation} denied for entity type ${entityType}: scheduled runs cannot touch a person's notes.`);
  }
}

/**
 * A bad or missing setting; `message` names the variable (CHIME_DB=…) and the fix. main and
 * the CLI print it and exit with 1. Below core so a store can name the setting that opened it.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}
