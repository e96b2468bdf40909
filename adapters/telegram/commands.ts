/** One entry of the bot's command menu (Telegram `BotCommand`). */
export interface MenuCommand {
  /** 1-32 chars, lowercase letters, digits and underscores, without the slash. */
  command: string;
  /** 1-256 chars shown next to the command. */
  description: string;
}
