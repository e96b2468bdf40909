import type { CommandModule } from '../command.js';
import { reply } from '../command.js';
import { listLine } from '../describe.js';
import { visibleLiveJobs } from './list.js';

/** How many upcoming runs /next shows. */
const SHOWN = 5;

export const next: CommandModule = {
  name: 'next',
  description: 'What fires next',
  usage: '/next',
  async run(ctx) {
    const jobs = (await visibleLiveJobs(ctx)).filter((j) => j.status === 'active' && j.nextRunAt);
    if (jobs.length === 0) return reply('Nothing is coming up. Try /remind in 10 minutes stretch');
    const { timeZone } = await ctx.prefs();
    return reply(['Coming up:', ...jobs.slice(0, SHOWN).map((j) => listLine(j, timeZone, ctx.now))].join('\n'));
  },
};
