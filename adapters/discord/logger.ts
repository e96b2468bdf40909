/**
 * The slice of a pino logger the Discord adapter uses. Structural, so a pino `Logger` (or a
 * test double) fits without this package importing pino.
 */
export interface AdapterLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Logs nothing; the default when a caller passes no logger. */
export const silentLogger: AdapterLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
