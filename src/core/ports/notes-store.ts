import { MemoryAccessDenied } from '../errors.js';
import type { EntityType } from '../ghost.js';
import { currentContext } from '../runtime-context.js';
import type { MaybePromise } from './job-store.js';

/** One remembered note. Numbered from 1 in `list` order (oldest first). */
export interface Note {
  text: string;
  createdAt: Date;
}

/** How much an `API` caller may touch notes. Default `none`. */
export type ApiMemoryAccess = 'full' | 'read' | 'none';

/**
 * A person's memory with the bot (`/remember`, `/recall`, `/forget n`), keyed by
 * (platform, userId). Every method checks the caller's entity type from `currentContext()`
 * before touching data (see {@link checkMemoryAccess}), so no caller can skip the policy.
 */
export interface NotesStore {
  /** Appends a note; returns its number (1-based). Write access. */
  add(platform: string, userId: string, text: string): MaybePromise<number>;
  /** The user's notes, oldest first. Read access. */
  list(platform: string, userId: string): MaybePromise<Note[]>;
  /** Removes note number `n` (1-based, as in `list`); false when there is no such note. Write access. */
  remove(platform: string, userId: string, n: number): MaybePromise<boolean>;
  /** How many notes the user has. Read access. */
  count(platform: string, userId: string): MaybePromise<number>;
}

/**
 * Who may read and write a person's notes, enforced inside the store:
 *
 * | entity    | read | write |
 * |-----------|------|-------|
 * | HUMAN     | yes  | yes   |
 * | SCHEDULER | no   | no    |
 * | API       | `apiAccess`: `full` both, `read` read only, `none` neither (default) |
 * | UNKNOWN   | no   | no    |
 *
 * UNKNOWN ("restricted") is denied both: code running outside any runtime context is either
 * a bug (a path that forgot to set one) or an unattributed caller, and a person's notes are
 * the one thing that must not leak. Failing closed makes such a path visible at once instead
 * of quietly reading someone's memory. Throws {@link MemoryAccessDenied}.
 */
export function checkMemoryAccess(
  op: 'read' | 'write',
  apiAccess: ApiMemoryAccess = 'none',
  entityType: EntityType = currentContext().entityType,
): void {
  if (!memoryAllowed(entityType, op, apiAccess)) throw new MemoryAccessDenied(entityType, op);
}

/** The table above as a predicate. */
export function memoryAllowed(entityType: EntityType, op: 'read' | 'write', apiAccess: ApiMemoryAccess = 'none'): boolean {
  switch (entityType) {
    case 'HUMAN':
      return true;
    case 'API':
      return apiAccess === 'full' || (apiAccess === 'read' && op === 'read');
    default:
      return false;
  }
}
