import type { AgentUsageStore } from '../../core/ports/agent-usage-store.js';
import { type AgentUsageQueries, EngineAgentUsageStore } from '../engine/agent-usage-store.js';
import type { Sync } from '../engine/work.js';
import type { Db } from './open-db.js';
import { sqliteRunner } from './sqlite-runner.js';

function sqliteAgentUsageQueries(db: Db): AgentUsageQueries {
  const add = db.prepare<{ job_id: string; month: string; tokens: number; now: number }, { tokens: number }>(`
    INSERT INTO agent_token_usage (job_id, month, tokens, updated_at) VALUES (@job_id, @month, @tokens, @now)
    ON CONFLICT (job_id, month) DO UPDATE SET tokens = tokens + excluded.tokens, updated_at = excluded.updated_at
    RETURNING tokens`);
  const used = db.prepare<[string, string], { tokens: number }>('SELECT tokens FROM agent_token_usage WHERE job_id = ? AND month = ?');
  return {
    addAgentTokens: (jobId, month, tokens, now) => add.get({ job_id: jobId, month, tokens, now })?.tokens ?? tokens,
    agentTokensUsed: (jobId, month) => used.get(jobId, month)?.tokens ?? 0,
  };
}

/** AgentUsageStore on SQLite. */
export class SqliteAgentUsageStore extends EngineAgentUsageStore<Sync> implements AgentUsageStore {
  constructor(db: Db) {
    super(sqliteRunner(db, sqliteAgentUsageQueries(db)));
  }
}
