import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiConfig } from '../api-config.js';
import { ApiConfigError, MIN_TOKEN_LENGTH } from '../api-config.js';

/** What a token lets its bearer do: `read` is GET/HEAD only. */
export type Access = 'full' | 'read';

/** A token the server accepts, by the name requests are tagged with. */
export interface ApiToken {
  /** `api-token`, `readonly-token` or `generated-token`: names the source, never the secret. */
  name: string;
  access: Access;
  secret: string;
}

/** The tokens in force, and where a generated one was kept (to print its login URL). */
export interface TokenSet {
  tokens: ApiToken[];
  /** Set when no token was configured and one was made or reused from the data directory. */
  generated?: { secret: string; file: string; created: boolean };
}

/** File in the data directory that keeps the generated token across restarts. */
export const TOKEN_FILE = 'api-token';

/**
 * The configured tokens; with none configured, the token kept in `dataDir` (made at first start,
 * mode 0600 so other users of the machine cannot read it). A kept file that others can read is
 * tightened to 0600 rather than trusted as is.
 */
export function resolveTokens(config: Pick<ApiConfig, 'token' | 'readonlyToken'>, dataDir: string): TokenSet {
  const tokens: ApiToken[] = [];
  if (config.token !== undefined) tokens.push({ name: 'api-token', access: 'full', secret: config.token });
  if (config.readonlyToken !== undefined) tokens.push({ name: 'readonly-token', access: 'read', secret: config.readonlyToken });
  if (config.token !== undefined) return { tokens };
  const file = join(dataDir, TOKEN_FILE);
  let secret: string;
  let created = false;
  if (existsSync(file)) {
    secret = readFileSync(file, 'utf8').trim();
    if (secret.length < MIN_TOKEN_LENGTH) {
      throw new ApiConfigError(
        `${file} holds no usable API token. Fix: delete the file (a new token is made at the next start) or set CHIME_API_TOKEN.`,
      );
    }
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  } else {
    mkdirSync(dataDir, { recursive: true });
    secret = randomBytes(24).toString('base64url');
    // `wx`: two processes starting at once never overwrite each other's token.
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    created = true;
  }
  tokens.push({ name: 'generated-token', access: 'full', secret });
  return { tokens, generated: { secret, file, created } };
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/**
 * The token `presented` equals, compared in constant time: both sides are hashed to the same
 * length first, so neither the content nor the length of a secret leaks through timing, and
 * every token is compared (no early exit on the first match).
 */
export function matchToken(tokens: readonly ApiToken[], presented: string): ApiToken | undefined {
  const p = digest(presented);
  let found: ApiToken | undefined;
  for (const t of tokens) {
    if (timingSafeEqual(digest(t.secret), p) && found === undefined) found = t;
  }
  return found;
}
