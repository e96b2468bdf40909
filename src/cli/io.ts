import { join } from 'node:path';
import { CHIME_DIR, type Config, loadConfig, loadDotEnv } from '../config.js';

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
  /**
   * The directory whose `.env` is read (with the process environment) and against which
   * relative paths such as CHIME_DB resolve: Chime's own directory, wherever the command runs.
   */
  projectDir: string;
}

/** A CLI command module: runs with its own arguments, returns the exit code. */
export type CliCommand = (argv: string[], io: CliIo) => Promise<number>;

/** The process's own streams and environment, in Chime's own directory. */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    projectDir: CHIME_DIR,
  };
}

/**
 * The validated configuration a command runs with: `env`, plus the `.env` of `io.projectDir`
 * when `env` is the process's own, with relative paths resolved against `io.projectDir`.
 */
export function configOf(io: CliIo): Config {
  if (io.env === process.env) loadDotEnv(join(io.projectDir, '.env'));
  return loadConfig(io.env, { baseDir: io.projectDir });
}

/** An io that keeps everything written, for tests. */
export function captureIo(env: Record<string, string | undefined> = {}, projectDir = process.cwd()): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    env,
    projectDir,
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
  };
  return io;
}
