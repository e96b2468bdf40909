import { isIP } from 'node:net';
import { z } from 'zod';
import { ConfigError } from '../core/errors.js';

/** How much an API caller may touch people's notes (`CHIME_API_MEMORY`). */
export type ApiMemorySetting = 'none' | 'read' | 'readwrite';

/** The HTTP API's settings, read from the environment by the configuration. */
export interface ApiConfig {
  /** `CHIME_HTTP=off` turns the server off. Default on. */
  enabled: boolean;
  /** `CHIME_HTTP_HOST`. Default `127.0.0.1`: only this machine can connect. */
  host: string;
  /** `CHIME_HTTP_PORT`. Default 8787; 0 picks a free port (tests). */
  port: number;
  /** `CHIME_API_TOKEN`: full access. */
  token?: string;
  /** `CHIME_API_READONLY_TOKEN`: GET (and HEAD) only. */
  readonlyToken?: string;
  memory: ApiMemorySetting;
  /** Largest request body accepted (bytes). Default 64 KiB: a job is far smaller. */
  bodyLimit: number;
}

export const DEFAULT_HTTP_HOST = '127.0.0.1';
export const DEFAULT_HTTP_PORT = 8787;
const DEFAULT_BODY_LIMIT = 64 * 1024;

/** A token shorter than this is guessable; the server refuses it rather than run with it. */
export const MIN_TOKEN_LENGTH = 16;

const token = (name: string) =>
  z
    .string()
    .trim()
    .min(MIN_TOKEN_LENGTH, `${name} must be at least ${MIN_TOKEN_LENGTH} characters (e.g. the output of: openssl rand -hex 24)`)
    .optional();

const schema = z.object({
  CHIME_HTTP: z.enum(['on', 'off', 'true', 'false', '1', '0'], { message: 'CHIME_HTTP must be on or off' }).optional(),
  CHIME_HTTP_HOST: z.string().trim().min(1, 'CHIME_HTTP_HOST must name an address, e.g. 127.0.0.1').optional(),
  CHIME_HTTP_PORT: z.coerce
    .number({ message: 'CHIME_HTTP_PORT must be a port number, e.g. 8787' })
    .int('CHIME_HTTP_PORT must be a whole number, e.g. 8787')
    .min(0, 'CHIME_HTTP_PORT must be between 0 and 65535')
    .max(65535, 'CHIME_HTTP_PORT must be between 0 and 65535')
    .optional(),
  CHIME_API_TOKEN: token('CHIME_API_TOKEN'),
  CHIME_API_READONLY_TOKEN: token('CHIME_API_READONLY_TOKEN'),
  CHIME_API_MEMORY: z.enum(['none', 'read', 'readwrite'], { message: 'CHIME_API_MEMORY must be none, read or readwrite' }).optional(),
  CHIME_API_BODY_LIMIT: z.coerce.number().int().min(1024, 'CHIME_API_BODY_LIMIT must be at least 1024 bytes').optional(),
});

/** A setting the API cannot run with; the message names it and the fix (printed as one line at start). */
export class ApiConfigError extends ConfigError {
  override name = 'ApiConfigError';
}

/** Reads the API settings from `env`; throws ApiConfigError naming the first bad one. */
export function readApiConfig(env: Record<string, string | undefined>): ApiConfig {
  const blankless = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = schema.safeParse(blankless);
  if (!parsed.success) throw new ApiConfigError(parsed.error.issues.map((i) => i.message).join('; '));
  const e = parsed.data;
  if (e.CHIME_API_TOKEN !== undefined && e.CHIME_API_TOKEN === e.CHIME_API_READONLY_TOKEN) {
    throw new ApiConfigError(
      'CHIME_API_READONLY_TOKEN must differ from CHIME_API_TOKEN: with the same value a read-only caller would have full access',
    );
  }
  return {
    enabled: !['off', 'false', '0'].includes(e.CHIME_HTTP ?? 'on'),
    host: e.CHIME_HTTP_HOST ?? DEFAULT_HTTP_HOST,
    port: e.CHIME_HTTP_PORT ?? DEFAULT_HTTP_PORT,
    ...(e.CHIME_API_TOKEN !== undefined ? { token: e.CHIME_API_TOKEN } : {}),
    ...(e.CHIME_API_READONLY_TOKEN !== undefined ? { readonlyToken: e.CHIME_API_READONLY_TOKEN } : {}),
    memory: e.CHIME_API_MEMORY ?? 'none',
    bodyLimit: e.CHIME_API_BODY_LIMIT ?? DEFAULT_BODY_LIMIT,
  };
}

/** True for addresses only this machine can reach: 127.0.0.0/8, ::1, `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(h);
  return false;
}

/**
 * A server reachable from other machines with a token nobody chose (generated and printed on
 * this machine's console) or none at all would be open to the network: refused before binding.
 */
export function assertSafeBinding(config: Pick<ApiConfig, 'host' | 'token' | 'readonlyToken'>): void {
  if (isLoopbackHost(config.host)) return;
  if (config.token !== undefined || config.readonlyToken !== undefined) return;
  throw new ApiConfigError(
    `CHIME_HTTP_HOST=${config.host} would expose the API beyond this machine without a configured token. Fix: set CHIME_API_TOKEN (e.g. openssl rand -hex 24), or keep CHIME_HTTP_HOST=127.0.0.1.`,
  );
}
