import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * A database path or file Chime cannot use, said so a person can act on it: what is wrong
 * (`reason`) and what to do (`fix`). Whoever knows where the path came from (a setting) names it.
 */
export class UnusableDatabaseError extends Error {
  override name = 'UnusableDatabaseError';
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly fix: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${reason}`, options);
  }
}

const IN_A_WRITABLE_DIRECTORY = 'use a file in a directory Chime may write, e.g. ./data/chime.db';

/** Node's fs error codes in words. */
function fsWords(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const words: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOTDIR: 'a part of the path is a file, not a directory',
    ENOSPC: 'no space left on the device',
    EEXIST: 'a file of that name exists',
  };
  return (code && words[code]) ?? (err instanceof Error ? err.message : String(err));
}

/**
 * Makes sure `path` can be a database file: not a directory, its directory present (created
 * level by level when missing). Levels are created one at a time because Node's recursive
 * mkdir never returns for some unwritable parents (a path under /proc), where a plain mkdir
 * fails at once.
 */
export function prepareDatabasePath(path: string): void {
  const file = resolve(path);
  if (existsSync(file) && statSync(file).isDirectory()) {
    throw new UnusableDatabaseError(path, 'it is a directory, not a file', `name a file inside it, e.g. ${join(path, 'chime.db')}`);
  }
  const missing: string[] = [];
  let dir = dirname(file);
  while (!existsSync(dir)) {
    missing.unshift(dir);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UnusableDatabaseError(path, `${dir} is a file, not a directory`, IN_A_WRITABLE_DIRECTORY);
  }
  for (const level of missing) {
    try {
      mkdirSync(level);
    } catch (err) {
      throw new UnusableDatabaseError(path, `its directory ${level} cannot be created (${fsWords(err)})`, IN_A_WRITABLE_DIRECTORY, {
        cause: err,
      });
    }
  }
}

/**
 * The UnusableDatabaseError for an error SQLite raised while opening or migrating `path`, or
 * undefined when the error is not about the file (a bug, which keeps its stack).
 */
export function unusableDatabase(path: string, err: unknown): UnusableDatabaseError | undefined {
  if (err instanceof UnusableDatabaseError) return err;
  const code = String((err as { code?: unknown } | undefined)?.code ?? '');
  const detail = err instanceof Error ? err.message : String(err);
  const moveAway = `move ${basename(path)} (with its -wal and -shm files) away, and Chime starts with an empty database, or restore it from a backup`;
  if (code === 'SQLITE_NOTADB') {
    return new UnusableDatabaseError(
      path,
      'the file is not a SQLite database',
      `point it at Chime's database, or at a new file such as ./data/chime.db`,
      { cause: err },
    );
  }
  if (code.startsWith('SQLITE_CORRUPT')) {
    return new UnusableDatabaseError(
      path,
      `the database file is damaged (${detail})`,
      `${moveAway}; \`sqlite3 ${path} .recover\` may save its data`,
      { cause: err },
    );
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_AUTH')) {
    return new UnusableDatabaseError(path, 'the file cannot be opened or created there', IN_A_WRITABLE_DIRECTORY, { cause: err });
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new UnusableDatabaseError(
      path,
      'the file (or its directory) is read-only',
      `make both writable for Chime, or ${IN_A_WRITABLE_DIRECTORY}`,
      { cause: err },
    );
  }
  if (code === 'SQLITE_FULL') {
    return new UnusableDatabaseError(path, 'the disk is full', 'free some space, or use a file on another disk', { cause: err });
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new UnusableDatabaseError(
      path,
      `reading or writing the file failed (${detail})`,
      `check the disk and the file system, or ${IN_A_WRITABLE_DIRECTORY}`,
      { cause: err },
    );
  }
  return undefined;
}
