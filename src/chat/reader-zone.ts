/**
 * The zone a reader sees times in, and whether the confirmation must name it: `name` when it
 * is not the chat's obvious one, `default` when nobody chose it (the bot's default zone).
 */
export interface ReaderZone {
  timeZone: string;
  show: 'no' | 'name' | 'default';
}
