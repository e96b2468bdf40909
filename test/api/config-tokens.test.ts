/**
 * The API's settings and tokens: defaults, refusals with the fix, the loopback rule, the
 * generated token kept at mode 0600 and reused, constant-time matching.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiConfigError, assertSafeBinding, isLoopbackHost, readApiConfig } from '../../src/api/api-config.js';
import { matchToken, resolveTokens, TOKEN_FILE } from '../../src/api/auth/tokens.js';
import { startApiServer } from '../../src/api/server.js';
import { silentLogger } from '../../src/log.js';
import { SystemClock } from '../../src/core/system-clock.js';
import { parse } from '../../src/nl/parse.js';
import type { SchedulerApi } from '../../src/core/scheduler-api.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'chime-tok-'));
  dirs.push(d);
  return d;
};

describe('readApiConfig', () => {
  it('defaults: on, 127.0.0.1:8787, no tokens, memory none', () => {
    expect(readApiConfig({})).toEqual({ enabled: true, host: '127.0.0.1', port: 8787, memory: 'none', bodyLimit: 65536 });
  });

  it('reads every setting; CHIME_HTTP=off disables', () => {
    const c = readApiConfig({
      CHIME_HTTP: 'off',
      CHIME_HTTP_HOST: '0.0.0.0',
      CHIME_HTTP_PORT: '9000',
      CHIME_API_TOKEN: 'a'.repeat(20),
      CHIME_API_READONLY_TOKEN: 'b'.repeat(20),
      CHIME_API_MEMORY: 'readwrite',
    });
    expect(c).toMatchObject({
      enabled: false,
      host: '0.0.0.0',
      port: 9000,
      token: 'a'.repeat(20),
      readonlyToken: 'b'.repeat(20),
      memory: 'readwrite',
    });
  });

  it('refuses bad values naming the setting', () => {
    expect(() => readApiConfig({ CHIME_HTTP_PORT: '99999' })).toThrow(/CHIME_HTTP_PORT/);
    expect(() => readApiConfig({ CHIME_HTTP_PORT: 'http' })).toThrow(/CHIME_HTTP_PORT/);
    expect(() => readApiConfig({ CHIME_API_TOKEN: 'short' })).toThrow(/CHIME_API_TOKEN must be at least 16/);
    expect(() => readApiConfig({ CHIME_API_MEMORY: 'all' })).toThrow(/none, read or readwrite/);
    expect(() => readApiConfig({ CHIME_HTTP: 'maybe' })).toThrow(/CHIME_HTTP must be on or off/);
    expect(() => readApiConfig({ CHIME_API_TOKEN: 'a'.repeat(20), CHIME_API_READONLY_TOKEN: 'a'.repeat(20) })).toThrow(/must differ/);
  });
});

describe('binding', () => {
  it('loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.2', 'example.com', '10.0.0.1']) expect(isLoopbackHost(h), h).toBe(false);
  });

  it('a non-loopback address without a configured token is refused with the fix; with one it is allowed', () => {
    expect(() => assertSafeBinding({ host: '0.0.0.0' })).toThrow(ApiConfigError);
    expect(() => assertSafeBinding({ host: '0.0.0.0' })).toThrow(/set CHIME_API_TOKEN/);
    expect(() => assertSafeBinding({ host: '0.0.0.0', token: 'a'.repeat(20) })).not.toThrow();
    expect(() => assertSafeBinding({ host: '127.0.0.1' })).not.toThrow();
  });

  it('startApiServer refuses before binding anything', async () => {
    const scheduler = {} as SchedulerApi;
    await expect(
      startApiServer({
        config: { ...readApiConfig({ CHIME_HTTP_HOST: '0.0.0.0', CHIME_HTTP_PORT: '0' }) },
        tokens: [],
        scheduler,
        parse,
        clock: new SystemClock(),
        defaultTimeZone: 'UTC',
        maxTextLength: 100,
        logger: silentLogger(),
      }),
    ).rejects.toThrow(/CHIME_HTTP_HOST=0.0.0.0 would expose the API/);
  });
});

describe('tokens', () => {
  it('with none configured, one is made at first start (mode 0600) and the same one reused after', () => {
    const dir = tmp();
    const first = resolveTokens({}, dir);
    expect(first.generated?.created).toBe(true);
    const file = join(dir, TOKEN_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.generated?.secret);
    expect(first.generated!.secret.length).toBeGreaterThanOrEqual(32);
    const again = resolveTokens({}, dir);
    expect(again.generated).toMatchObject({ created: false, secret: first.generated!.secret });
    expect(again.tokens).toEqual([{ name: 'generated-token', access: 'full', secret: first.generated!.secret }]);
  });

  it('a kept token readable by others is tightened to 0600; an empty file is refused', () => {
    const dir = tmp();
    const file = join(dir, TOKEN_FILE);
    writeFileSync(file, 'x'.repeat(30));
    chmodSync(file, 0o644);
    resolveTokens({}, dir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    writeFileSync(file, '\n');
    expect(() => resolveTokens({}, dir)).toThrow(/holds no usable API token/);
  });

  it('a configured token means no file is made; a read-only token alone keeps the generated full one', () => {
    const dir = tmp();
    expect(resolveTokens({ token: 'a'.repeat(20) }, dir)).toEqual({
      tokens: [{ name: 'api-token', access: 'full', secret: 'a'.repeat(20) }],
    });
    const ro = resolveTokens({ readonlyToken: 'b'.repeat(20) }, dir);
    expect(ro.tokens.map((t) => `${t.name}:${t.access}`)).toEqual(['readonly-token:read', 'generated-token:full']);
  });

  it('matchToken finds the exact token only', () => {
    const tokens = [
      { name: 'a', access: 'full' as const, secret: 'secret-aaaaaaaaaaaaaaa' },
      { name: 'b', access: 'read' as const, secret: 'secret-bbbbbbbbbbbbbbb' },
    ];
    expect(matchToken(tokens, 'secret-bbbbbbbbbbbbbbb')?.name).toBe('b');
    expect(matchToken(tokens, 'secret-bbbbbbbbbbbbbb')).toBeUndefined();
    expect(matchToken(tokens, 'secret-bbbbbbbbbbbbbbbb')).toBeUndefined();
    expect(matchToken(tokens, '')).toBeUndefined();
  });
});
