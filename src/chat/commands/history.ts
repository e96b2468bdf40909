import { agentRunLines } from '../../core/agent-transcript.js';
import type { Job } from '../../core/job.js';
import type { RunRecord } from '../../core/run.js';
import type { CommandModule } from '../command.js';
import { reply } from '../command.js';
import { findVisibleJob, jobsVisibleHere } from '../access.js';
import { jobSubject } from '../describe.js';
import { formatSpan, formatLocalTime, truncate } from '../format.js';
import { pageOf, readPageArg } from '../paging.js';

/** Runs gathered per answer, newest first; shown a page at a time. */
const SHOWN = 100;
/** Jobs whose history is gathered when no id is given (newest first). */
const JOBS_SCANNED = 30;

function runLine(run: RunRecord, job: Job, timeZone: string, now: Date): string {
  const late = run.lateMs >= 60_000 ? ` (late ${formatSpan(run.lateMs)})` : '';
  const detail = run.error ? `: ${truncate(run.error, 80)}` : '';
  return `${job.id} · ${formatLocalTime(run.startedAt, timeZone, now)} · ${run.status}${late} · ${truncate(jobSubject(job), 40)}${detail}`;
}

export const history: CommandModule = {
  name: 'history',
  description: 'Past runs: /history [id]',
  usage: '/history [id]',
  async run(ctx) {
    const { timeZone } = await ctx.prefs();
    const { scheduler } = ctx.deps;
    const { page, rest } = readPageArg(ctx.args);
    const id = rest.split(/\s+/)[0] ?? '';
    let jobs: Job[];
    if (id) {
      jobs = [await findVisibleJob(ctx, id)];
    } else {
      jobs = (await jobsVisibleHere(ctx))
        .sort((a, b) => (b.lastRunAt?.getTime() ?? 0) - (a.lastRunAt?.getTime() ?? 0))
        .slice(0, JOBS_SCANNED);
    }
    const runs: Array<{ run: RunRecord; job: Job }> = [];
    for (const job of jobs) {
      for (const run of await scheduler.history({ jobId: job.id, limit: SHOWN })) runs.push({ run, job });
    }
    runs.sort((a, b) => b.run.startedAt.getTime() - a.run.startedAt.getTime());
    if (runs.length === 0) return reply(id ? `Reminder ${jobs[0]?.id ?? id} has not run yet.` : 'Nothing has run yet.');
    const lines = runs.slice(0, SHOWN).map((r) => runLine(r.run, r.job, timeZone, ctx.now));
    const listing = pageOf('Recent runs:', lines, page, (n) => `/history ${id ? `${id} ` : ''}page ${n}`);
    // One job's history also tells its latest agent run step by step: what the model saw and did.
    const agentRun = id && page <= 1 ? runs.find((r) => r.run.agent)?.run : undefined;
    if (!agentRun?.agent) return reply(listing);
    const when = formatLocalTime(agentRun.startedAt, timeZone, ctx.now);
    return reply(
      `${listing}\n\nLatest agent run (${when}, ${agentRun.status}):\n${agentRunLines(agentRun.agent, { clipAt: 160 }).join('\n')}`,
    );
  },
};
