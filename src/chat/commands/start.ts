import type { CommandModule } from '../command.js';
import { reply } from '../command.js';

/** Builds /start and /help from the registered commands, so the list never drifts. */
export function makeHelp(all: () => CommandModule[]): CommandModule[] {
  const text = (): string =>
    [
      'Commands:',
      ...all()
        .filter((c) => c.name !== 'start' && c.name !== 'help')
        .map((c) => `${c.usage} — ${c.description.split(':')[0]}`),
      '',
      'Examples: /remind tomorrow at 9 call mom · /remind every weekday at 8:30 standup · reply to a message with /remind 2h',
    ].join('\n');
  return [
    {
      name: 'start',
      description: 'Introduction',
      usage: '/start',
      async run(ctx) {
        const { timeZone } = await ctx.prefs();
        return reply(
          `👋 Hi ${ctx.msg.userName}! I'm Chime, I remind you of things.\n` +
            `Try: /remind in 10 minutes stretch\nYour time zone is ${timeZone}; change it with /tz Europe/Berlin.\n/help lists everything.`,
        );
      },
    },
    { name: 'help', description: 'All commands', usage: '/help', run: async () => reply(text()) },
  ];
}
