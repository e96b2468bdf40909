import type { CommandModule } from '../command.js';
import { reply } from '../command.js';
import { zonePicker, zoneQuestion } from '../zone-prompt.js';

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
        const { timeZone, timeZoneSource } = await ctx.prefs();
        const hello = `👋 Hi ${ctx.msg.userName}! I'm Chime, I remind you of things.\nTry: in 10 minutes stretch · every weekday at 9 standup\n/help lists everything.`;
        // First contact in a private chat: the platform never says where the person is, so ask.
        if (timeZoneSource === 'default' && ctx.msg.chatType === 'private') {
          return reply(`${hello}\n\n${zoneQuestion(timeZone)}`, { actions: zonePicker() });
        }
        return reply(`${hello}\nTimes are in ${timeZone}; change it with /tz and your city, e.g. /tz Berlin.`);
      },
    },
    { name: 'help', description: 'All commands', usage: '/help', run: async () => reply(text()) },
  ];
}
