/**
 * A forwarded message is a quote of somebody else's words, not a request of the person who
 * forwarded it. Run as a command, "/cancel k7m2qd" forwarded from another chat would act with
 * the forwarder's rights on something they never asked for (and a plain sentence would set a
 * reminder they never asked for): so nothing in it is acted on, and the answer says how to do
 * it on purpose.
 */
import type { IncomingMessage, Reply } from './message.js';
import { parseCommandText } from './command-text.js';

/** The answer to a forwarded message meant for the bot: nothing done, and how to do it. */
export function answerForwarded(msg: IncomingMessage, isKnownCommand: (name: string) => boolean): Reply[] {
  const text = msg.text.trim();
  const cmd = parseCommandText(text);
  if (cmd) {
    // A group's unknown commands belong to other bots: as silent as when typed.
    if (!isKnownCommand(cmd.name) && msg.chatType === 'group' && !cmd.bot) return [];
    const typed = cmd.args ? `/${cmd.name} ${cmd.args}` : `/${cmd.name}`;
    return [
      {
        text: [
          `↪️ That is a forwarded message, so I did not run /${cmd.name}: a forward quotes someone else's words, it is not a command from you.`,
          `To run it, send it yourself: ${typed.length > 200 ? `/${cmd.name} …` : typed}`,
        ].join('\n'),
      },
    ];
  }
  // Plain text reaches the chat layer in a group only when it mentions or replies to the bot.
  if (msg.chatType === 'group' && msg.addressed !== true) return [];
  if (!text) return [];
  return [
    {
      text: [
        "↪️ That is a forwarded message, so I did not act on it: a forward quotes someone else's words, it is not a request from you.",
        'To be reminded about it, reply to it with /remind and a time, e.g. /remind in 1 hour',
      ].join('\n'),
    },
  ];
}
