-- Agent runs (prompt jobs, issue 13): each run keeps its transcript (JSON: outcome, model time,
-- the messages, tool calls and results) and its token counts; NULL for every other kind.
ALTER TABLE runs ADD COLUMN transcript TEXT;
ALTER TABLE runs ADD COLUMN tokens_prompt INTEGER;
ALTER TABLE runs ADD COLUMN tokens_completion INTEGER;

-- Tokens each prompt job used per calendar month (UTC, 'YYYY-MM'), for its monthly budget.
-- Kept apart from runs because history is pruned and a budget must not forget spent tokens.
CREATE TABLE agent_token_usage (
  job_id      TEXT NOT NULL,
  month       TEXT NOT NULL,
  tokens      INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (job_id, month)
) WITHOUT ROWID;
