/**
 * What the lower layers log through: structured fields first, then a message (pino's calling
 * convention, so the application's pino logger is passed in as is). Core and delivery depend
 * on this shape only, never on the logging library that the composition root picks.
 */
export interface Logger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
  /** A logger that adds `bindings` to every line (a component name). */
  child(bindings: Record<string, unknown>): Logger;
}
