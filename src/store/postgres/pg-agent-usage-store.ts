import type pg from 'pg';
import type { AgentUsageStore } from '../../core/ports/agent-usage-store.js';
import { type AgentUsageQueries, EngineAgentUsageStore } from '../engine/agent-usage-store.js';
import type { Async, AsyncQueries } from '../engine/work.js';
import { type Sql, type Statement, exec } from './db.js';
import { pgRunner } from './pg-runner.js';

const USAGE_SQL = {
  /** $1 job, $2 month, $3 tokens, $4 now. */
  add: {
    name: 'chime_add_agent_tokens',
    text: `INSERT INTO agent_token_usage (job_id, month, tokens, updated_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT (job_id, month) DO UPDATE SET tokens = agent_token_usage.tokens + excluded.tokens,
        updated_at = excluded.updated_at
      RETURNING tokens`,
  },
  /** $1 job, $2 month. */
  used: { name: 'chime_agent_tokens_used', text: 'SELECT tokens FROM agent_token_usage WHERE job_id = $1 AND month = $2' },
} satisfies Record<string, Statement>;

const pgAgentUsageQueries: AsyncQueries<AgentUsageQueries, Sql> = {
  addAgentTokens: async (c, jobId, month, tokens, now) =>
    (await exec<{ tokens: number }>(c, USAGE_SQL.add, [jobId, month, tokens, now])).rows[0]?.tokens ?? tokens,
  agentTokensUsed: async (c, jobId, month) => (await exec<{ tokens: number }>(c, USAGE_SQL.used, [jobId, month])).rows[0]?.tokens ?? 0,
};

/** AgentUsageStore on PostgreSQL. */
export class PostgresAgentUsageStore extends EngineAgentUsageStore<Async> implements AgentUsageStore {
  constructor(pool: pg.Pool) {
    super(pgRunner(pool, pgAgentUsageQueries));
  }
}
