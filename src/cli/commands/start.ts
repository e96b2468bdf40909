import { parseOptions } from '../args.js';
import type { CliIo } from '../io.js';
import { runChime } from '../../main.js';

export const usage = 'chime start   (same as `npm start`)';
export const summary = 'Run the bot: scheduler, delivery and the configured chat adapters';

export async function run(argv: string[], io: CliIo): Promise<number> {
  parseOptions(argv, {}, usage);
  return runChime(io);
}
