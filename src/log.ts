import { createRequire } from 'node:module';
import { pino, type Logger as PinoLogger, type DestinationStream } from 'pino';
import type PinoPretty from 'pino-pretty';

/** Chime's logger: pino, one JSON object per line. */
export type Logger = PinoLogger;

export interface LoggerOptions {
  /** pino level. Default `info`. */
  level?: string;
  /**
   * File descriptor logs go to. Default 2 (stderr): stdout belongs to the console adapter's
   * conversation and to CLI output such as `chime jobs list --format json`.
   */
  fd?: 1 | 2;
  /** Human-readable lines (pino-pretty) instead of JSON. Default: when `fd` is a terminal. */
  pretty?: boolean;
  /** Write here instead of `fd` (tests capture lines). */
  stream?: DestinationStream;
  /**
   * Append JSON lines to this file instead (it must be writable); errors and fatal ones still
   * go to `fd` too, so a person watching the terminal learns that something failed.
   */
  file?: string;
}

/**
 * Creates the logger. JSON lines for machines and log shippers; pino-pretty when a person
 * watches a terminal. Pretty printing runs in-process (no worker thread), so nothing is lost
 * when the process exits right after logging.
 */
export function createLogger(opts: LoggerOptions = {}): Logger {
  const level = opts.level ?? 'info';
  const fd = opts.fd ?? 2;
  const base = { level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime };
  const tty = opts.stream ? false : fd === 1 ? process.stdout.isTTY : process.stderr.isTTY;
  const human = opts.pretty ?? tty;
  const readable = (destination: number | DestinationStream): DestinationStream =>
    prettyStream()({ destination, sync: true, colorize: tty, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
  if (opts.file && level !== 'silent') {
    return pino(
      base,
      pino.multistream([
        { level: level as pino.Level, stream: pino.destination({ dest: opts.file, append: true, sync: true }) },
        { level: 'error', stream: human ? readable(fd) : pino.destination({ fd, sync: true }) },
      ]),
    );
  }
  if (human) return pino(base, readable(opts.stream ?? fd));
  if (opts.stream) return pino(base, opts.stream);
  return pino(base, pino.destination({ fd, sync: true }));
}

/**
 * pino-pretty, loaded when a person watches the log in a terminal: a service's log (a file, a
 * pipe, journald) is JSON, and its start need not load and compile the formatter (30 modules).
 */
function prettyStream(): typeof PinoPretty {
  return createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
}

/** A logger that drops everything (tests, benchmarks). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/**
 * The slice of a logger the adapters use. Structural, so a pino `Logger` or a test double
 * fits, and adapters need no logging library of their own.
 */
export interface LogSlice {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Logs nothing; the default when a caller passes no logger. */
export const noLogs: LogSlice = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
