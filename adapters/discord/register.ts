import { DiscordAPIError, REST, Routes } from 'discord.js';
import { slashCommands } from './commands.js';

/** Where commands are registered: everywhere (global, may take a while to show) or one guild (instant). */
export interface RegisterTarget {
  applicationId: string;
  /** Register in this guild only, for development. */
  guildId?: string;
}

/** Replaces the application's commands (global or in one guild) with Chime's; returns how many were registered. */
export async function registerCommands(rest: REST, target: RegisterTarget): Promise<number> {
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  const result = (await rest.put(route, { body: slashCommands() })) as unknown[];
  return result.length;
}

/** What identifies a command for "is the registration current?": names, descriptions, options. */
function fingerprint(commands: unknown[]): string {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      return {
        name: o.name,
        description: o.description,
        type: o.type ?? 1,
        options: Array.isArray(o.options) ? strip(o.options) : [],
      };
    }
    return value;
  };
  return JSON.stringify((strip(commands) as Array<{ name: string }>).sort((a, b) => a.name.localeCompare(b.name)));
}

/**
 * Registers the global commands only when what Discord has differs from Chime's (bulk
 * overwrites count against a daily limit, so a plain restart should not send one).
 * Returns true when it registered.
 */
export async function syncGlobalCommands(rest: REST, applicationId: string): Promise<boolean> {
  const current = (await rest.get(Routes.applicationCommands(applicationId))) as unknown[];
  if (fingerprint(current) === fingerprint(slashCommands())) return false;
  await registerCommands(rest, { applicationId });
  return true;
}

/** The application id for a bot token (GET /applications/@me), when it is not configured. */
export async function fetchApplicationId(rest: REST): Promise<string> {
  const app = (await rest.get(Routes.currentApplication())) as { id: string };
  return app.id;
}

/** Discord refused a registration; `status` is the HTTP status (401 bad token, 403/404 wrong app or guild). */
export class RegistrationError extends Error {
  override name = 'RegistrationError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Registers with a bot token alone (the CLI): looks the application id up when not given.
 * Discord's refusals become RegistrationError, so callers need not import discord.js.
 */
export async function registerWithToken(opts: {
  token: string;
  restApi?: string;
  applicationId?: string;
  guildId?: string;
}): Promise<{ count: number; applicationId: string }> {
  const rest = new REST({ ...(opts.restApi ? { api: opts.restApi } : {}) }).setToken(opts.token);
  try {
    const applicationId = opts.applicationId ?? (await fetchApplicationId(rest));
    const count = await registerCommands(rest, { applicationId, ...(opts.guildId ? { guildId: opts.guildId } : {}) });
    return { count, applicationId };
  } catch (err) {
    if (err instanceof DiscordAPIError) throw new RegistrationError(err.status, err.message);
    throw err;
  }
}
