import { afterEach, expect, it } from 'vitest';
import type { AgentUsageStore } from '../../src/core/ports/agent-usage-store.js';
import type { JobStore } from '../../src/core/ports/job-store.js';
import type { RunAgentRecord, Settlement } from '../../src/core/run.js';
import { openPostgresStore } from '../../src/store/postgres/index.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { T0, at, reminder } from './contract.js';
import { PG_URL, describePg, dropSchema, freshSchema } from './pg-harness.js';
import { describe } from 'vitest';

interface Opened {
  jobs: JobStore;
  usage: AgentUsageStore;
  close: () => Promise<void> | void;
}

const AGENT: RunAgentRecord = {
  outcome: 'answered',
  usage: { prompt: 120, completion: 30, total: 150 },
  modelMs: 840,
  transcript: [
    { type: 'message', role: 'user', content: 'What should I focus on?' },
    { type: 'message', role: 'assistant', content: '', usage: { prompt: 60, completion: 10, total: 70 }, ms: 400 },
    { type: 'tool_call', id: 'c1', name: 'list_jobs', arguments: '{}' },
    { type: 'tool_result', id: 'c1', name: 'list_jobs', content: '[]', outcome: 'ok', ms: 2 },
    { type: 'message', role: 'assistant', content: 'Ship it.', usage: { prompt: 60, completion: 20, total: 80 }, ms: 440 },
  ],
};

/** Agent runs in the store (migration 0008), the same on SQLite and PostgreSQL. */
function contract(open: () => Promise<Opened>): void {
  let opened: Opened | undefined;
  afterEach(async () => {
    await opened?.close();
    opened = undefined;
  });

  it('a settled agent run keeps its transcript and token counts; other runs have none', async () => {
    opened = await open();
    const { jobs } = opened;
    for (const withAgent of [true, false]) {
      const job = await jobs.createJob(reminder(0), T0);
      const run = await jobs.claimJob(job.id, at(1), { owner: 'me', durationMs: 60_000 });
      const settlement: Settlement = {
        run: {
          status: 'success',
          finishedAt: at(2),
          durationMs: 1,
          result: 'Ship it.',
          error: null,
          ...(withAgent ? { agent: AGENT } : {}),
        },
        job: { status: 'completed', nextRunAt: null, runCount: 1, lastRunAt: at(2), completedAt: at(2), attempts: 0 },
        outbox: [],
      };
      expect(await jobs.settle(run!, settlement, at(2))).toBe(true);
      const [record] = await jobs.listRuns({ jobId: job.id });
      if (withAgent) expect(record?.agent).toEqual(AGENT);
      else expect(record?.agent).toBeUndefined();
    }
  });

  it('token usage adds up per job and month, apart from other jobs and months', async () => {
    opened = await open();
    const { usage } = opened;
    expect(await usage.tokensUsed('j1', '2027-01')).toBe(0);
    expect(await usage.addTokens('j1', '2027-01', 150, T0)).toBe(150);
    expect(await usage.addTokens('j1', '2027-01', 50, at(5))).toBe(200);
    await usage.addTokens('j1', '2027-02', 7, at(6));
    await usage.addTokens('j2', '2027-01', 9, at(6));
    expect(await usage.tokensUsed('j1', '2027-01')).toBe(200);
    expect(await usage.tokensUsed('j1', '2027-02')).toBe(7);
    expect(await usage.tokensUsed('j2', '2027-01')).toBe(9);
  });
}

describe('agent runs and token usage (SQLite)', () => {
  contract(async () => {
    const s = openSqliteStore(':memory:');
    return { jobs: s.jobs, usage: s.agentUsage, close: () => s.close() };
  });
});

describePg('agent runs and token usage (PostgreSQL)', () => {
  contract(async () => {
    const schema = freshSchema();
    const s = await openPostgresStore(PG_URL, { schema, poolSize: 2 });
    return {
      jobs: s.jobs,
      usage: s.agentUsage,
      close: async () => {
        await s.close();
        await dropSchema(schema);
      },
    };
  });
});
