import type { CommandModule } from '../command.js';
import { reply } from '../command.js';
import { commandHelpText, findCommand, helpOverview } from '../help.js';
import { zonePicker, zoneQuestion } from '../zone-prompt.js';

/** Builds /start and /help from the registered commands, so the list never drifts. */
export function makeHelp(all: () => CommandModule[]): CommandModule[] {
  const help: CommandModule = {
    name: 'help',
    description: 'All commands; /help <command> for one with examples: /help remind',
    usage: '/help [command]',
    async run(ctx) {
      const commands = [help, ...all()];
      if (!ctx.args) return reply(helpOverview(commands));
      const name = ctx.args.split(/\s+/)[0] ?? '';
      const command = findCommand([start, ...commands], name);
      if (!command) return reply(`I have no command /${name.replace(/^\//, '').slice(0, 32)}.\n\n${helpOverview(commands)}`);
      return reply(commandHelpText(command));
    },
  };
  const start: CommandModule = {
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
  };
  return [start, help];
}
