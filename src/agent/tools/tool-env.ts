import { UserError } from '../../core/errors.js';
import type { CleanupRegistration, HousekeepingReport } from '../../core/housekeeping.js';
import type { CommandContext } from '../../chat/command.js';

/** What the cleanup tools reach: the app's housekeeper. */
export interface CleanupPort {
  register(reg: CleanupRegistration): string;
  run(opts: { dryRun?: boolean }): Promise<HousekeepingReport>;
}

/** One change a tool made, as stored: the reply's confirmation and the claim check come from these. */
export interface StoredChange {
  tool: string;
  /** One line saying what was stored, built from the stored job (never from the model's words). */
  line: string;
  /** Whether it created something that will fire (a reminder, a command, a prompt, a monitoring job). */
  created: boolean;
}

/**
 * What every tool of one turn acts with. `chat` is the caller in the caller's chat: a person
 * (HUMAN) for /ask, or a job's ghost (SCHEDULER, its owner's rights in its chat only) for a
 * resumed conversation. Tools never act with more than that.
 */
export interface ToolEnv {
  chat: CommandContext;
  /** Chime's own admins (access.ts isChimeAdmin) may use the cleanup tools. */
  isChimeAdmin: boolean;
  cleanup?: CleanupPort;
  /** Filled by the tools as they change things, in order. */
  changes: StoredChange[];
}

/** `chat` as if `command` had been typed with `args`: how tools run the chat layer's own commands. */
export function asCommand(env: ToolEnv, command: string, args: string): CommandContext {
  return { ...env.chat, command, args };
}

/**
 * Runs a tool's work; a refusal keeps its example in the text the model reads (the agent loop
 * shows a refusal's message only), so the model can retry with something that works.
 */
export async function withExample<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof UserError && err.example) {
      throw new UserError(err.code, `${err.message} An input that works: ${err.example}`);
    }
    throw err;
  }
}
