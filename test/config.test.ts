import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig, loadDotEnv } from '../src/config.js';
import { ConfigError } from '../src/core/errors.js';

describe('config', () => {
  it('defaults: ./data/chime.db, info, UTC, 100 reminders per user, 500 per chat, 1800 characters', () => {
    const c = loadConfig({});
    expect(c.db).toBe('./data/chime.db');
    expect(c.logLevel).toBe('info');
    expect(c.defaultTimeZone).toBe('UTC');
    expect(c.housekeeping.historyRetentionDays).toBe(30);
    expect(c.quotas).toEqual({ maxRemindersPerUser: 100, maxRemindersPerChat: 500, minGroupIntervalMs: 60_000, maxTextLength: 1800 });
    expect(c.telegram).toBeUndefined();
    expect(c.discord).toBeUndefined();
    expect(c.forceConsole).toBe(false);
  });

  it('a bad number names the variable and shows the value', () => {
    expect(() => loadConfig({ CHIME_MAX_CONCURRENT: 'abc' })).toThrow(
      'Invalid configuration: CHIME_MAX_CONCURRENT must be a positive integer (got "abc")',
    );
    expect(() => loadConfig({ CHIME_MAX_CONCURRENT: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ CHIME_LEASE_MS: '-5' })).toThrow(/CHIME_LEASE_MS/);
  });

  it('CHIME_MISFIRE_GRACE_MS under a minute is refused: a recurring run is always a moment late, and would be skipped every time', () => {
    for (const bad of ['0', '1000', '59999']) {
      expect(() => loadConfig({ CHIME_MISFIRE_GRACE_MS: bad })).toThrow(
        `Invalid configuration: CHIME_MISFIRE_GRACE_MS must be milliseconds, at least 60000 (a minute), e.g. 3600000 for an hour (got "${bad}")`,
      );
    }
    expect(loadConfig({ CHIME_MISFIRE_GRACE_MS: '60000' }).scheduler.misfireGraceMs).toBe(60_000);
    expect(loadConfig({}).scheduler.misfireGraceMs).toBe(3_600_000);
  });

  it('CHIME_LEASE_MS under a second is refused: the process would take its own runs over while they run, and run them twice', () => {
    for (const bad of ['1', '500', '999']) {
      expect(() => loadConfig({ CHIME_LEASE_MS: bad })).toThrow(
        `Invalid configuration: CHIME_LEASE_MS must be milliseconds, at least 1000 (a second), e.g. 60000 for a minute (got "${bad}")`,
      );
    }
    expect(loadConfig({ CHIME_LEASE_MS: '1000' }).scheduler.leaseMs).toBe(1000);
    expect(loadConfig({}).scheduler.leaseMs).toBe(60_000);
  });

  it('an unknown time zone or log level is rejected with what would work', () => {
    expect(() => loadConfig({ CHIME_TZ: 'Mars/Olympus' })).toThrow(/CHIME_TZ must be an IANA time zone such as Europe\/Berlin/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of fatal, error/);
    expect(loadConfig({ CHIME_TZ: 'America/New_York' }).defaultTimeZone).toBe('America/New_York');
    // The zone jobs are made in is stored in its one spelling, as a zone given to the API or CLI.
    expect(loadConfig({ CHIME_TZ: 'europe/london' }).defaultTimeZone).toBe('Europe/London');
  });

  it('DISCORD_GUILD_ID: a numeric server id for instant command registration', () => {
    expect(loadConfig({ DISCORD_TOKEN: 't', DISCORD_GUILD_ID: '123456789012345678' }).discord?.guildId).toBe('123456789012345678');
    expect(loadConfig({ DISCORD_TOKEN: 't' }).discord?.guildId).toBeUndefined();
    expect(() => loadConfig({ DISCORD_GUILD_ID: 'my-server' })).toThrow(
      'Invalid configuration: DISCORD_GUILD_ID must be a numeric Discord server id (got "my-server")',
    );
  });

  it('CHIME_DATABASE_URL selects PostgreSQL; anything but a postgres:// URL is refused', () => {
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    expect(loadConfig({ CHIME_DATABASE_URL: 'postgres://chime@127.0.0.1:5432/chime' }).databaseUrl).toBe(
      'postgres://chime@127.0.0.1:5432/chime',
    );
    expect(loadConfig({ CHIME_DATABASE_URL: 'postgresql://db/chime' }).databaseUrl).toBe('postgresql://db/chime');
    expect(() => loadConfig({ CHIME_DATABASE_URL: 'mysql://db/chime' })).toThrow(
      'Invalid configuration: CHIME_DATABASE_URL must be a PostgreSQL URL such as postgres://chime@127.0.0.1:5432/chime (got "mysql://db/chime")',
    );
  });

  it('an empty variable counts as unset', () => {
    const c = loadConfig({ DISCORD_TOKEN: '', CHIME_MAX_CONCURRENT: '  ' });
    expect(c.discord).toBeUndefined();
    expect(c.scheduler.maxConcurrent).toBe(100);
  });

  it('platform tokens enable their sections; webhook settings need the URL', () => {
    const c = loadConfig({
      TELEGRAM_BOT_TOKEN: '123:abc',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:9001',
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/tg',
      TELEGRAM_WEBHOOK_SECRET: 's3cret',
      DISCORD_TOKEN: 'dtoken',
      DISCORD_APPLICATION_ID: '1234567890',
      CHIME_CONSOLE: 'yes',
    });
    expect(c.telegram).toEqual({
      token: '123:abc',
      apiRoot: 'http://127.0.0.1:9001',
      webhook: { url: 'https://bot.example.com/tg', port: 8443, secret: 's3cret' },
    });
    expect(c.discord).toEqual({ token: 'dtoken', applicationId: '1234567890' });
    expect(c.forceConsole).toBe(true);
    expect(() => loadConfig({ TELEGRAM_API_ROOT: 'not a url' })).toThrow(/TELEGRAM_API_ROOT must be a URL/);
  });

  it('CHIME_WATCH_ALLOW_PRIVATE: off unless the operator turns it on', () => {
    expect(loadConfig({}).watch).toEqual({ allowPrivate: false });
    expect(loadConfig({ CHIME_WATCH_ALLOW_PRIVATE: 'true' }).watch).toEqual({ allowPrivate: true });
    expect(() => loadConfig({ CHIME_WATCH_ALLOW_PRIVATE: 'maybe' })).toThrow(
      'CHIME_WATCH_ALLOW_PRIVATE must be true or false (got "maybe")',
    );
  });

  it('the defaults .env.example and the README state are the ones the code uses', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    // Values shown as examples of a setting, not as its default.
    const examplesOnly = new Set(['CHIME_DATABASE_URL', 'CHIME_CLEANUP_DIRS', 'CHIME_LOG_FILE']);
    const defaults = loadConfig({});
    const stated: Array<[string, string, string]> = [];
    for (const m of example.matchAll(/^#\s*([A-Z_]+)=(\S+)$/gm)) stated.push(['.env.example', m[1]!, m[2]!]);
    for (const m of readme.matchAll(/^\| `([A-Z_]+)` \| `([^`]+)` \|/gm)) stated.push(['README', m[1]!, m[2]!]);
    expect(stated.length).toBeGreaterThan(20);
    for (const [where, name, value] of stated) {
      if (examplesOnly.has(name) || !(CONFIG_VARIABLES as string[]).includes(name)) continue;
      expect(loadConfig({ [name]: value }), `${where} says ${name} defaults to ${value}`).toEqual(defaults);
    }
  });

  it('.env.example documents every setting', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    for (const name of CONFIG_VARIABLES) expect(example, name).toMatch(new RegExp(`^#?\\s*${name}=`, 'm'));
  });

  it('CHIME_CLEANUP_DIRS: a JSON array of directories with days and megabytes converted', () => {
    expect(loadConfig({}).housekeeping.directories).toEqual([]);
    const c = loadConfig({
      CHIME_CLEANUP_DIRS: '[{"directory":"./data/exports","pattern":"*.csv","maxAgeDays":7,"maxTotalMb":1,"priority":5}]',
    });
    expect(c.housekeeping.directories).toEqual([
      { directory: './data/exports', pattern: '*.csv', maxAgeMs: 7 * 86_400_000, maxTotalBytes: 1_048_576, priority: 5 },
    ]);
    expect(() => loadConfig({ CHIME_CLEANUP_DIRS: '{not json' })).toThrow(/CHIME_CLEANUP_DIRS must be a JSON array/);
    expect(() => loadConfig({ CHIME_CLEANUP_DIRS: '[{"dir":"x"}]' })).toThrow(/CHIME_CLEANUP_DIRS/);
  });

  it('.env fills only what the environment leaves unset: CHIME_DB=x npm start overrides the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chime-env-'));
    const keys = ['CHIME_TEST_ENV_SET', 'CHIME_TEST_ENV_UNSET'];
    try {
      writeFileSync(join(dir, '.env'), 'CHIME_TEST_ENV_SET=from-file\nCHIME_TEST_ENV_UNSET=from-file\n');
      process.env.CHIME_TEST_ENV_SET = 'from-environment';
      expect(loadDotEnv(join(dir, '.env'))).toBe(true);
      expect(process.env.CHIME_TEST_ENV_SET).toBe('from-environment');
      expect(process.env.CHIME_TEST_ENV_UNSET).toBe('from-file');
      expect(loadDotEnv(join(dir, 'missing.env'))).toBe(false);
    } finally {
      for (const k of keys) delete process.env[k];
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
