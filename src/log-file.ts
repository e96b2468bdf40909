import { closeSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CHIME_DIR, type Config } from './config.js';

/**
 * The file `chime start` logs to, or undefined for stderr. CHIME_LOG_FILE decides when set (a
 * path, or `stderr`). Otherwise, when the console adapter talks in a terminal, log lines would
 * land in the middle of the conversation, so they go to `chime.log` beside the SQLite database
 * (under `data/` in Chime's directory for PostgreSQL); anywhere else (a service, piped output)
 * stderr is the place logs are collected from.
 */
export function chooseLogFile(config: Pick<Config, 'logFile' | 'db' | 'databaseUrl'>, consoleInTerminal: boolean): string | undefined {
  if (config.logFile === 'stderr') return undefined;
  if (config.logFile) return config.logFile;
  if (!consoleInTerminal) return undefined;
  const dataDir = config.databaseUrl || config.db === ':memory:' ? join(CHIME_DIR, 'data') : dirname(config.db);
  return join(dataDir, 'chime.log');
}

/** Checks that `file` can be appended to (its directory must exist); the reason when not. */
export function logFileProblem(file: string): string | undefined {
  try {
    closeSync(openSync(file, 'a'));
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
