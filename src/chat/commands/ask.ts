import { UserError } from '../../core/errors.js';
import type { CommandModule } from '../command.js';
import { reply } from '../command.js';

/** Said by `/ask` when no agent is wired at all (tests, embedders); the app passes the agent's own line. */
const NO_AGENT = 'The assistant is off on this Chime. Use /remind, or /help for every command.';

/**
 * `/ask <text>`: one turn with the assistant, which schedules through the same rules as the
 * commands (see src/agent). Off, it says so in one line and changes nothing.
 */
export const ask: CommandModule = {
  name: 'ask',
  description: 'Ask the assistant: /ask remind me every weekday at 9 to stand up',
  usage: '/ask <text>',
  async run(ctx) {
    const agent = ctx.deps.agent;
    if (!agent?.enabled) return reply(agent?.offMessage ?? NO_AGENT);
    if (!ctx.args)
      throw new UserError('ask.empty', 'What should I do? Say it after /ask.', '/ask remind me every weekday at 9 to stand up');
    return agent.ask(ctx, ctx.args);
  },
};
