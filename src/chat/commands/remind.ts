import type { CommandContext, CommandModule } from '../command.js';
import { readerZone } from '../confirmation.js';
import { nagLine } from '../nag.js';
import { newReminderConfirmation } from '../new-reminder-confirmation.js';
import { askAboutDuplicate, findDuplicate } from '../pending-creation.js';
import { readReminderRequest } from '../reminder-request.js';

/**
 * `/remind <when> <what>`, plain "remind me …" in private chats, and "/remind 2h" as a reply.
 * Text starting with '/' makes a `command` job run later as the ghost.
 */
export const remind: CommandModule = {
  name: 'remind',
  description: 'Set a reminder: /remind tomorrow at 9 call mom',
  usage: '/remind <when> <what>',
  async run(ctx: CommandContext) {
    const { input, parsed, text, nag } = await readReminderRequest(ctx);
    const duplicate = await findDuplicate(ctx, input, text, parsed.next[0]);
    if (duplicate) return [askAboutDuplicate(ctx, duplicate, input, parsed.next, await readerZone(ctx))];
    const job = await ctx.deps.scheduler.createJob(input);
    const confirmed = await newReminderConfirmation(ctx, job, parsed);
    return [nag ? { ...confirmed, text: `${confirmed.text}\n${nagLine(job)}` } : confirmed];
  },
};
