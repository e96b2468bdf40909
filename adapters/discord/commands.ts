import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type RESTPostAPIApplicationCommandsJSONBody,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import { COMMAND_HELP } from '../../src/chat/help.js';
import { DEFAULT_MAX_TEXT_LENGTH } from '../../src/core/text-limit.js';

/**
 * Who sees a command by default: members who may send messages. Server admins can narrow or
 * widen it per command (Server Settings → Integrations); DMs ignore it. Finer rules (another
 * channel, role pings, others' reminders) are checked per interaction.
 */
const EVERYONE = PermissionFlagsBits.SendMessages;

/** `/watch` polls outside URLs from the server's name: a moderator's tool by default. */
const MODERATORS = PermissionFlagsBits.ManageMessages;

/** Channels a reminder may be sent to with `channel:`. */
const TARGET_CHANNEL_TYPES = [
  ChannelType.GuildText,
  ChannelType.GuildAnnouncement,
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.AnnouncementThread,
] as const;

function base(name: string, description: string, perms: bigint, dm = true): SlashCommandBuilder {
  const b = new SlashCommandBuilder()
    .setName(name)
    .setDescription(description)
    .setDefaultMemberPermissions(perms)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
  return dm ? b.setContexts(InteractionContextType.Guild, InteractionContextType.BotDM) : b.setContexts(InteractionContextType.Guild);
}

function idOption(sub: SlashCommandSubcommandBuilder, required = true): SlashCommandSubcommandBuilder {
  return sub.addStringOption((o) =>
    o
      .setName('id')
      .setDescription('The reminder (start typing to pick one of yours)')
      .setRequired(required)
      .setAutocomplete(true)
      .setMaxLength(64),
  );
}

/** The message context menu entry (right-click a message → Apps): a reminder about that message. */
export const REMIND_ABOUT_MESSAGE = 'Remind me about this';

/**
 * Chime's application commands as registered with Discord: slash commands, each translating to
 * the chat layer's text command (see to-incoming.ts `commandText`), and the message menu entry
 * "Remind me about this" (Discord's counterpart of replying "/remind 2h" to a message).
 */
export function slashCommands(): RESTPostAPIApplicationCommandsJSONBody[] {
  const remind = base('remind', 'Set a reminder', EVERYONE)
    .addStringOption((o) =>
      o.setName('when').setDescription('When: "in 2 hours", "tomorrow at 9", "every weekday at 9"').setRequired(true).setMaxLength(200),
    )
    .addStringOption((o) =>
      o.setName('what').setDescription('What to remind about').setRequired(true).setMaxLength(DEFAULT_MAX_TEXT_LENGTH),
    )
    .addChannelOption((o) =>
      o
        .setName('channel')
        .setDescription('Post it in another channel (needs Manage Channels)')
        .addChannelTypes(...TARGET_CHANNEL_TYPES),
    );

  const reminders = base('reminders', 'Your reminders: list, cancel, snooze, edit …', EVERYONE)
    .addSubcommand((s) => s.setName('list').setDescription('Your reminders (in a server channel: that channel’s)'))
    .addSubcommand((s) => s.setName('next').setDescription('The next reminder due'))
    .addSubcommand((s) => idOption(s.setName('cancel').setDescription('Cancel a reminder')))
    .addSubcommand((s) => idOption(s.setName('pause').setDescription('Pause a reminder')))
    .addSubcommand((s) => idOption(s.setName('resume').setDescription('Resume a paused reminder')))
    .addSubcommand((s) =>
      idOption(s.setName('snooze').setDescription('Move the next run')).addStringOption((o) =>
        o.setName('for').setDescription('A duration or a time: "30m", "2 hours", "tomorrow at 9"').setRequired(true).setMaxLength(100),
      ),
    )
    .addSubcommand((s) =>
      idOption(s.setName('edit').setDescription('Change the time or the text'))
        .addStringOption((o) => o.setName('when').setDescription('New time: "tomorrow at 10", "every monday at 9"').setMaxLength(200))
        .addStringOption((o) => o.setName('text').setDescription('New text').setMaxLength(DEFAULT_MAX_TEXT_LENGTH)),
    )
    .addSubcommand((s) => idOption(s.setName('run').setDescription('Run a reminder now')))
    .addSubcommand((s) => idOption(s.setName('history').setDescription('Past runs (all of yours without an id)'), false));

  const timezone = base('timezone', 'Your time zone (shows it without a zone)', EVERYONE)
    .addStringOption((o) => o.setName('zone').setDescription('IANA zone, e.g. Europe/Berlin').setAutocomplete(true).setMaxLength(64))
    .addBooleanOption((o) => o.setName('chat').setDescription("Set this channel's default instead of yours (needs Manage Messages)"));

  const remember = base('remember', 'Keep a note', EVERYONE).addStringOption((o) =>
    o.setName('note').setDescription('The note').setRequired(true).setMaxLength(DEFAULT_MAX_TEXT_LENGTH),
  );
  const recall = base('recall', 'Show your notes', EVERYONE);
  const forget = base('forget', 'Delete a note', EVERYONE).addIntegerOption((o) =>
    o.setName('number').setDescription('The note’s number from /recall').setRequired(true).setMinValue(1),
  );
  const watch = base('watch', 'Tell me when a URL answers 200', MODERATORS)
    .addStringOption((o) => o.setName('url').setDescription('http:// or https:// URL').setRequired(true).setMaxLength(500))
    .addStringOption((o) => o.setName('every').setDescription('Check interval, e.g. 30s or 5m (default 1 minute)').setMaxLength(30));
  const ask = base('ask', 'Ask the assistant to set, list or change your reminders', EVERYONE).addStringOption((o) =>
    o
      .setName('text')
      .setDescription('e.g. "remind me every weekday at 9 to stand up"')
      .setRequired(true)
      .setMaxLength(DEFAULT_MAX_TEXT_LENGTH),
  );
  const help = base('help', 'How to use Chime', EVERYONE).addStringOption((o) =>
    o
      .setName('command')
      .setDescription('One command in detail, with examples')
      .addChoices(...HELP_TOPICS.map((t) => ({ name: t.slash, value: t.command }))),
  );

  const aboutMessage = new ContextMenuCommandBuilder()
    .setName(REMIND_ABOUT_MESSAGE)
    .setType(ApplicationCommandType.Message)
    .setDefaultMemberPermissions(EVERYONE)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

  return [...[remind, reminders, timezone, remember, recall, forget, watch, ask, help].map((c) => c.toJSON()), aboutMessage.toJSON()];
}

interface OptionJson {
  name: string;
  type: number;
  description: string;
  required?: boolean;
  options?: OptionJson[];
}

/** `/remind when: what: [channel:]`: a command line as Discord shows it. */
function usageLine(prefix: string, options: OptionJson[] | undefined): string {
  const opts = (options ?? []).map((o) => (o.required ? `${o.name}:` : `[${o.name}:]`));
  return [prefix, ...opts].join(' ');
}

/**
 * The chat commands Discord offers, with their slash form here: a top-level slash command of the
 * same name (or alias: `tz` is `/timezone`), else a `/reminders` subcommand.
 */
const HELP_TOPICS: Array<{ command: string; slash: string }> = [
  { command: 'remind', slash: '/remind' },
  ...['list', 'next', 'cancel', 'pause', 'resume', 'snooze', 'edit', 'run', 'history'].map((c) => ({
    command: c,
    slash: `/reminders ${c}`,
  })),
  { command: 'tz', slash: '/timezone' },
  ...['remember', 'recall', 'forget', 'watch', 'ask'].map((c) => ({ command: c, slash: `/${c}` })),
];

/** The slash command (or subcommand) JSON for a slash form such as `/reminders snooze`. */
function slashJson(slash: string): { description: string; options?: OptionJson[] } | undefined {
  const [name, sub] = slash.slice(1).split(' ');
  const cmd = slashCommands().find((c) => c.name === name && c.type !== ApplicationCommandType.Message);
  if (!cmd) return undefined;
  const options = ('options' in cmd ? cmd.options : undefined) as OptionJson[] | undefined;
  if (!sub) return { description: ('description' in cmd ? cmd.description : undefined) ?? '', ...(options ? { options } : {}) };
  const s = options?.find((o) => o.type === 1 && o.name === sub);
  return s ? { description: s.description, ...(s.options ? { options: s.options } : {}) } : undefined;
}

/**
 * `/help command:<name>` on Discord: the command as typed here, what each option takes (their
 * descriptions carry example values), and the chat layer's details, the same on every platform.
 */
export function commandHelpText(command: string): string | undefined {
  const topic = HELP_TOPICS.find((t) => t.command === command);
  const json = topic && slashJson(topic.slash);
  if (!topic || !json) return undefined;
  const lines = [`\`${usageLine(topic.slash, json.options)}\` — ${json.description}`];
  for (const o of json.options ?? []) lines.push(`• \`${o.name}:\` ${o.description}${o.required ? '' : ' (optional)'}`);
  const details = COMMAND_HELP[command]?.details;
  if (details) lines.push('', details);
  return lines.join('\n');
}

/**
 * /help on Discord: the slash commands as they are typed here (the chat layer's own /help shows
 * text commands like "/cancel <id>", which Discord does not have); with `command:`, that one in
 * detail.
 */
export function helpText(command?: string): string {
  if (command) {
    const one = commandHelpText(command);
    if (one) return one;
  }
  const lines = ['**Chime** reminds you (or this channel) at the right time. Answers are visible only to you.', ''];
  for (const cmd of slashCommands()) {
    if (cmd.type === ApplicationCommandType.Message) {
      lines.push(`Message menu → Apps → **${cmd.name}**: a reminder about that message`);
      continue;
    }
    const options = ('options' in cmd ? cmd.options : undefined) as OptionJson[] | undefined;
    const subs = (options ?? []).filter((o) => o.type === 1);
    if (subs.length > 0) {
      for (const sub of subs) lines.push(`\`${usageLine(`/${cmd.name} ${sub.name}`, sub.options)}\` — ${sub.description}`);
    } else {
      lines.push(`\`${usageLine(`/${cmd.name}`, options)}\` — ${'description' in cmd ? cmd.description : ''}`);
    }
  }
  lines.push('', 'Times: "in 2 hours", "tomorrow at 9", "every weekday at 9", "every monday at 10 until march".');
  lines.push('Delivered reminders have Snooze, Tomorrow and Done buttons; only the owner or someone with Manage Messages can press them.');
  lines.push('`/help command:` shows one command in detail.');
  return lines.join('\n');
}
