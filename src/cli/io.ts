/**
 * What a CLI command may touch besides its arguments. `main` passes the real process streams;
 * tests pass capturing ones. Commands never write to `process.stdout` directly.
 */
export interface CliIo {
  /** Writes `text` to standard output (no newline added). */
  stdout(text: string): void;
  /** Writes `text` to standard error (no newline added). */
  stderr(text: string): void;
  /** Environment the configuration is read from. Default `process.env`. */
  env: Record<string, string | undefined>;
}

/** A CLI command module: runs with its own arguments, returns the exit code. */
export type CliCommand = (argv: string[], io: CliIo) => Promise<number>;

/** The process's own streams and environment. */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
  };
}

/** An io that keeps everything written, for tests. */
export function captureIo(env: Record<string, string | undefined> = {}): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    env,
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
  };
  return io;
}
