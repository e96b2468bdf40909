import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AGENT_VARS, type AgentConfig, agentConfigFrom } from './agent/llm-config.js';
import { type ApiConfig, readApiConfig } from './api/api-config.js';
import { ConfigError } from './core/errors.js';
import type { CleanupRegistration } from './core/housekeeping.js';
import { DEFAULT_QUOTAS } from './chat/deps.js';
import { DEFAULT_MAX_TEXT_LENGTH } from './core/text-limit.js';
import { canonicalTimeZone, isValidTimeZone } from './core/time/zone-id.js';

/**
 * Chime's configuration, read once from the environment (and `.env` when present) and
 * validated with zod at start. Every setting is listed, with its default, in `.env.example`.
 * Nothing else in Chime reads `process.env`.
 */
export interface Config {
  /** SQLite file. Default `./data/chime.db`. Unused when `databaseUrl` is set. */
  db: string;
  /**
   * PostgreSQL connection URL (`postgres://user@host:5432/db`): jobs, history, outbox, notes
   * and preferences live there instead of the SQLite file, and several Chime processes may
   * share it. Unset by default.
   */
  databaseUrl?: string;
  /**
   * Names this process in its leases: a restart under the same name takes over at once what
   * the previous process had claimed when it died. Unset: the host name, and only claims of
   * processes gone from this host are taken over early.
   */
  instanceId?: string;
  /** pino level. Default `info`. */
  logLevel: LogLevel;
  /**
   * Where `chime start` writes its log (CHIME_LOG_FILE): a file (absolute once `baseDir` is
   * given), or `stderr`. Unset: a file beside the database when the console adapter talks in a
   * terminal, else stderr.
   */
  logFile?: string;
  /** IANA zone given to new users and CLI jobs without `--tz`. Default `UTC`. */
  defaultTimeZone: string;
  scheduler: {
    /** Runs in progress at once. Default 100. */
    maxConcurrent: number;
    /** Claim lease (ms), extended by a heartbeat while a run is in progress. Default 60 000. */
    leaseMs: number;
    /** A missed recurring run later than this (ms) is skipped instead of run late. Default 1 h. */
    misfireGraceMs: number;
    /** Retries of a failed run for new jobs. Default 3. */
    defaultRetries: number;
    /** Base delay before a retry (ms), doubled each time. Default 5000. */
    retryDelayMs: number;
    /** A run taking longer fails with a timeout (ms). Default 1 h. */
    taskTimeoutMs: number;
  };
  housekeeping: {
    /** Finished runs older than this many days are deleted. Default 30. */
    historyRetentionDays: number;
    /** Also keep at most this many finished runs per job (undefined: no count limit). */
    historyKeepPerJob?: number;
    /** How often the app runs housekeeping (ms). Default 1 h. */
    cleanupIntervalMs: number;
    /** Agent conversation messages older than this many days are deleted. Default 30. */
    conversationRetentionDays: number;
    /** Event log entries (audit log) older than this many days are deleted. Default 30. */
    eventRetentionDays: number;
    /** Directories cleaned on each pass (CHIME_CLEANUP_DIRS). Default none. */
    directories: CleanupDirectory[];
  };
  quotas: {
    /** Active reminders one user may own. Default 100. */
    maxRemindersPerUser: number;
    /** Active reminders in one chat. Default 500. */
    maxRemindersPerChat: number;
    /** Shortest recurring interval allowed in group chats (ms). Default 60 000. */
    minGroupIntervalMs: number;
    /** Longest reminder or note text (characters), in the chat and the CLI. Default 1800. */
    maxTextLength: number;
  };
  /** Present when TELEGRAM_BOT_TOKEN is set. */
  telegram?: {
    token: string;
    /** Bot API root (tests, or a local Bot API server). Default: grammY's, api.telegram.org. */
    apiRoot?: string;
    /** Webhook mode instead of long polling when set. */
    webhook?: { url: string; port: number; secret?: string };
  };
  /** Present when DISCORD_TOKEN is set. */
  discord?: {
    token: string;
    applicationId?: string;
    /**
     * Register the slash commands in this server at start (instant) instead of globally (which
     * Discord may take up to an hour to show): for a bot that lives in one server.
     */
    guildId?: string;
    /** REST API base (tests point it at the emulator). Default discord.js's. */
    restApi?: string;
  };
  /** Start the console adapter even when a platform token is set. Default false. */
  forceConsole: boolean;
  /**
   * Chime's own admins (CHIME_ADMINS, `platform:userId` each, e.g. `telegram:10018049`): people the
   * assistant lets run server-side cleanup. The console, on Chime's own machine, always is one.
   */
  admins: string[];
  /** The HTTP API and dashboard (CHIME_HTTP, CHIME_HTTP_HOST/PORT, CHIME_API_*). */
  api: ApiConfig;
  /** The agent (CHIME_LLM_*, CHIME_AGENT_*); `agent.llm` is absent while it is off. */
  agent: AgentConfig;
  watch: {
    /**
     * Let `/watch` reach loopback, private, link-local and other non-public addresses (an
     * operator watching their own network). Default false: chat users cannot probe the server's.
     */
    allowPrivate: boolean;
  };
}

/** One CHIME_CLEANUP_DIRS entry: a directory and its retention policies, handed to the housekeeper. */
export type CleanupDirectory = Pick<CleanupRegistration, 'directory' | 'pattern' | 'maxAgeMs' | 'maxCount' | 'maxTotalBytes' | 'priority'>;

const cleanupEntry = z
  .object({
    directory: z.string().min(1),
    pattern: z.string().min(1).optional(),
    maxAgeDays: z.number().positive().optional(),
    maxCount: z.number().int().nonnegative().optional(),
    maxTotalMb: z.number().positive().optional(),
    priority: z.number().int().optional(),
  })
  .strict();

const cleanupDirs = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not JSON' });
      return z.NEVER;
    }
  })
  .pipe(z.array(cleanupEntry))
  .transform((entries) =>
    entries.map((e) => {
      const d: CleanupDirectory = { directory: e.directory };
      if (e.pattern !== undefined) d.pattern = e.pattern;
      if (e.maxAgeDays !== undefined) d.maxAgeMs = Math.round(e.maxAgeDays * 86_400_000);
      if (e.maxCount !== undefined) d.maxCount = e.maxCount;
      if (e.maxTotalMb !== undefined) d.maxTotalBytes = Math.round(e.maxTotalMb * 1024 * 1024);
      if (e.priority !== undefined) d.priority = e.priority;
      return d;
    }),
  )
  .default([]);

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

// Each variable carries the phrase used in its error message ("must be <expect>").
interface Var {
  schema: z.ZodType;
  expect: string;
}

const positiveInt = (def?: number): Var => ({
  schema:
    def === undefined
      ? z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().positive()).optional()
      : z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().positive()).default(def),
  expect: 'a positive integer',
});

const nonNegativeInt = (def: number): Var => ({
  schema: z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().nonnegative()).default(def),
  expect: 'a non-negative integer',
});

/** A duration in ms with a floor below which the setting breaks what it is for. */
const msAtLeast = (min: number, minWords: string, def: number, example: string): Var => ({
  schema: z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min)).default(def),
  expect: `milliseconds, at least ${min} (${minWords}), e.g. ${example}`,
});

const text = (optional = true): Var => ({
  schema: optional ? z.string().min(1).optional() : z.string().min(1),
  expect: 'a non-empty string',
});

const flag = (def: boolean): Var => ({
  schema: z
    .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
    .transform((v) => ['1', 'true', 'yes', 'on'].includes(v))
    .default(def),
  expect: 'true or false',
});

const url: Var = { schema: z.url().optional(), expect: 'a URL such as https://example.com/path' };

const VARS = {
  CHIME_DB: { schema: z.string().min(1).default('./data/chime.db'), expect: 'a file path' },
  CHIME_DATABASE_URL: {
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/)
      .optional(),
    expect: 'a PostgreSQL URL such as postgres://chime@127.0.0.1:5432/chime',
  },
  CHIME_INSTANCE_ID: {
    schema: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/)
      .optional(),
    expect: 'a name unique among the running instances: letters, digits, . _ - (at most 64), e.g. chime-1',
  },
  LOG_LEVEL: { schema: z.enum(LOG_LEVELS).default('info'), expect: `one of ${LOG_LEVELS.join(', ')}` },
  CHIME_LOG_FILE: { schema: z.string().min(1).optional(), expect: 'a file path, or stderr' },
  CHIME_TZ: {
    // Stored with every job made in it: in its one spelling (europe/london is Europe/London).
    schema: z
      .string()
      .refine(isValidTimeZone)
      .transform((zone) => canonicalTimeZone(zone) ?? zone)
      .default('UTC'),
    expect: 'an IANA time zone such as Europe/Berlin',
  },
  CHIME_MAX_CONCURRENT: positiveInt(100),
  // A lease is renewed by a heartbeat a third of it apart: under a second, the process takes its
  // own runs over while they still run (each slow run done twice, e.g. a command job).
  CHIME_LEASE_MS: msAtLeast(1000, 'a second', 60_000, '60000 for a minute'),
  // A recurring run is always claimed a moment after its time, so a window shorter than a
  // minute (0 above all) would skip nearly every occurrence, not only those missed in downtime.
  CHIME_MISFIRE_GRACE_MS: msAtLeast(60_000, 'a minute', 3_600_000, '3600000 for an hour'),
  CHIME_DEFAULT_RETRIES: nonNegativeInt(3),
  CHIME_RETRY_DELAY_MS: nonNegativeInt(5_000),
  CHIME_TASK_TIMEOUT_MS: positiveInt(3_600_000),
  CHIME_HISTORY_RETENTION_DAYS: positiveInt(30),
  CHIME_HISTORY_KEEP_PER_JOB: positiveInt(),
  CHIME_CONVERSATION_RETENTION_DAYS: positiveInt(30),
  CHIME_EVENT_RETENTION_DAYS: positiveInt(30),
  CHIME_CLEANUP_INTERVAL_MS: positiveInt(3_600_000),
  CHIME_CLEANUP_DIRS: {
    schema: cleanupDirs,
    expect:
      'a JSON array of {directory, pattern?, maxAgeDays?, maxCount?, maxTotalMb?, priority?}, e.g. [{"directory":"./data/exports","pattern":"*.csv","maxAgeDays":7}]',
  },
  CHIME_MAX_REMINDERS_PER_USER: positiveInt(100),
  CHIME_MAX_REMINDERS_PER_CHAT: positiveInt(DEFAULT_QUOTAS.maxRemindersPerChat),
  CHIME_MIN_GROUP_INTERVAL_MS: nonNegativeInt(60_000),
  CHIME_MAX_TEXT_LENGTH: positiveInt(DEFAULT_MAX_TEXT_LENGTH),
  TELEGRAM_BOT_TOKEN: text(),
  TELEGRAM_API_ROOT: url,
  TELEGRAM_WEBHOOK_URL: url,
  TELEGRAM_WEBHOOK_PORT: positiveInt(8443),
  TELEGRAM_WEBHOOK_SECRET: text(),
  DISCORD_TOKEN: text(),
  DISCORD_APPLICATION_ID: { schema: z.string().regex(/^\d+$/).optional(), expect: 'a numeric Discord id' },
  DISCORD_GUILD_ID: {
    schema: z
      .string()
      .regex(/^\d{1,20}$/)
      .optional(),
    expect: 'a numeric Discord server id',
  },
  DISCORD_REST_API: url,
  CHIME_CONSOLE: flag(false),
  CHIME_ADMINS: {
    schema: z
      .string()
      .regex(/^\s*[a-z]+:[^\s,]+(\s*,\s*[a-z]+:[^\s,]+)*\s*$/)
      .transform((v) => v.split(',').map((a) => a.trim()))
      .default([]),
    expect: 'platform:userId pairs separated by commas, e.g. telegram:10018049,discord:80351110224678912',
  },
  CHIME_WATCH_ALLOW_PRIVATE: flag(false),
  // The API's own settings are checked by readApiConfig (api-config.ts), which names the fix.
  CHIME_HTTP: text(),
  CHIME_HTTP_HOST: text(),
  CHIME_HTTP_PORT: text(),
  CHIME_API_TOKEN: text(),
  CHIME_API_READONLY_TOKEN: text(),
  CHIME_API_MEMORY: text(),
  CHIME_API_BODY_LIMIT: text(),
  ...AGENT_VARS,
} satisfies Record<string, Var>;

/** Names of every setting Chime reads (the `.env.example` test checks they are all documented). */
export const CONFIG_VARIABLES = Object.keys(VARS) as Array<keyof typeof VARS>;

const envSchema = z.object(Object.fromEntries(Object.entries(VARS).map(([k, v]) => [k, v.schema])));

/** The validated variables, typed by the caller that knows each one's schema. */
type Vars = Record<string, unknown>;

/** `env` checked against the schema; empty strings count as unset. Throws ConfigError naming the first bad variable. */
function validatedEnv(env: Record<string, string | undefined>): Vars {
  const input: Record<string, string> = {};
  for (const name of CONFIG_VARIABLES) {
    const value = env[name]?.trim();
    if (value !== undefined && value !== '') input[name] = value;
  }
  const parsed = envSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'unknown') as keyof typeof VARS;
    const expect = VARS[name]?.expect ?? 'valid';
    throw new ConfigError(`Invalid configuration: ${name} must be ${expect} (got "${input[name] ?? ''}")`);
  }
  return parsed.data as Vars;
}

function telegramConfig(v: Vars): Config['telegram'] {
  const token = v.TELEGRAM_BOT_TOKEN as string | undefined;
  if (!token) return undefined;
  const telegram: NonNullable<Config['telegram']> = { token };
  const apiRoot = v.TELEGRAM_API_ROOT as string | undefined;
  if (apiRoot) telegram.apiRoot = apiRoot;
  const hook = v.TELEGRAM_WEBHOOK_URL as string | undefined;
  if (hook) {
    telegram.webhook = { url: hook, port: v.TELEGRAM_WEBHOOK_PORT as number };
    const secret = v.TELEGRAM_WEBHOOK_SECRET as string | undefined;
    if (secret) telegram.webhook.secret = secret;
  }
  return telegram;
}

function discordConfig(v: Vars): Config['discord'] {
  const token = v.DISCORD_TOKEN as string | undefined;
  if (!token) return undefined;
  const discord: NonNullable<Config['discord']> = { token };
  const appId = v.DISCORD_APPLICATION_ID as string | undefined;
  if (appId) discord.applicationId = appId;
  const rest = v.DISCORD_REST_API as string | undefined;
  if (rest) discord.restApi = rest;
  const guild = v.DISCORD_GUILD_ID as string | undefined;
  if (guild) discord.guildId = guild;
  return discord;
}

function housekeepingConfig(v: Vars, path: (p: string) => string): Config['housekeeping'] {
  const housekeeping: Config['housekeeping'] = {
    historyRetentionDays: v.CHIME_HISTORY_RETENTION_DAYS as number,
    cleanupIntervalMs: v.CHIME_CLEANUP_INTERVAL_MS as number,
    conversationRetentionDays: v.CHIME_CONVERSATION_RETENTION_DAYS as number,
    eventRetentionDays: v.CHIME_EVENT_RETENTION_DAYS as number,
    directories: (v.CHIME_CLEANUP_DIRS as CleanupDirectory[]).map((d) => ({ ...d, directory: path(d.directory) })),
  };
  const keep = v.CHIME_HISTORY_KEEP_PER_JOB as number | undefined;
  if (keep !== undefined) housekeeping.historyKeepPerJob = keep;
  return housekeeping;
}

/**
 * Validates `env` and builds the Config. Empty strings count as unset (a `.env` line
 * `DISCORD_TOKEN=` means "no Discord"). Throws ConfigError naming the first bad variable.
 * With `baseDir`, relative paths (CHIME_DB and its default, CHIME_CLEANUP_DIRS directories)
 * are made absolute against it instead of against whatever directory the process runs in.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, opts: { baseDir?: string } = {}): Config {
  const v = validatedEnv(env);
  const num = (k: keyof typeof VARS): number => v[k] as number;
  const path = (p: string): string => (opts.baseDir === undefined || p === ':memory:' || isAbsolute(p) ? p : resolve(opts.baseDir, p));
  const telegram = telegramConfig(v);
  const discord = discordConfig(v);
  return {
    db: path(v.CHIME_DB as string),
    ...(v.CHIME_DATABASE_URL !== undefined ? { databaseUrl: v.CHIME_DATABASE_URL as string } : {}),
    ...(v.CHIME_INSTANCE_ID !== undefined ? { instanceId: v.CHIME_INSTANCE_ID as string } : {}),
    logLevel: v.LOG_LEVEL as LogLevel,
    ...(v.CHIME_LOG_FILE !== undefined ? { logFile: v.CHIME_LOG_FILE === 'stderr' ? 'stderr' : path(v.CHIME_LOG_FILE as string) } : {}),
    defaultTimeZone: v.CHIME_TZ as string,
    scheduler: {
      maxConcurrent: num('CHIME_MAX_CONCURRENT'),
      leaseMs: num('CHIME_LEASE_MS'),
      misfireGraceMs: num('CHIME_MISFIRE_GRACE_MS'),
      defaultRetries: num('CHIME_DEFAULT_RETRIES'),
      retryDelayMs: num('CHIME_RETRY_DELAY_MS'),
      taskTimeoutMs: num('CHIME_TASK_TIMEOUT_MS'),
    },
    housekeeping: housekeepingConfig(v, path),
    quotas: {
      maxRemindersPerUser: num('CHIME_MAX_REMINDERS_PER_USER'),
      maxRemindersPerChat: num('CHIME_MAX_REMINDERS_PER_CHAT'),
      minGroupIntervalMs: num('CHIME_MIN_GROUP_INTERVAL_MS'),
      maxTextLength: num('CHIME_MAX_TEXT_LENGTH'),
    },
    forceConsole: v.CHIME_CONSOLE as boolean,
    admins: v.CHIME_ADMINS as string[],
    watch: { allowPrivate: v.CHIME_WATCH_ALLOW_PRIVATE as boolean },
    agent: agentConfigFrom(v),
    ...(telegram ? { telegram } : {}),
    ...(discord ? { discord } : {}),
    api: readApiConfig(env),
  };
}

/**
 * Chime's own directory: the checkout (or installed package) holding its package.json. Every
 * command reads `.env` from here and resolves relative paths (CHIME_DB, CHIME_CLEANUP_DIRS)
 * against it, so `npx chime jobs list` run from any directory sees the database the bot uses.
 */
export const CHIME_DIR = packageDir(fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, ''));

/**
 * `from` or the nearest directory above it that holds package.json. Run from the sources, the
 * parent of src/ is the checkout itself; run from the compiled copy (dist/src/), one more up.
 */
function packageDir(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

/**
 * Loads `path` (default the `.env` in CHIME_DIR) into `process.env` when it exists.
 * Variables already set in the environment win (process.loadEnvFile never overwrites one), so
 * `CHIME_DB=x npm start` overrides the file.
 */
export function loadDotEnv(path = join(CHIME_DIR, '.env')): boolean {
  if (!existsSync(path)) return false;
  process.loadEnvFile(path);
  return true;
}
