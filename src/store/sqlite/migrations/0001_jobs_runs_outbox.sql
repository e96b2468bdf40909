-- Jobs, execution history and the delivery outbox.
-- Times are INTEGER epoch milliseconds; structured fields are JSON text.

CREATE TABLE jobs (
  id               TEXT PRIMARY KEY,
  name             TEXT NOT NULL,
  kind             TEXT NOT NULL,
  payload          TEXT NOT NULL,             -- JSON
  owner_platform   TEXT NOT NULL,
  owner_user_id    TEXT NOT NULL,
  owner_name       TEXT,
  origin           TEXT NOT NULL,             -- JSON Origin
  origin_platform  TEXT NOT NULL,             -- copied out of origin for filtering
  origin_chat_id   TEXT NOT NULL,
  schedule         TEXT NOT NULL,             -- JSON Schedule
  bounds           TEXT NOT NULL,             -- JSON ScheduleBounds
  time_zone        TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('active', 'paused', 'completed', 'failed', 'cancelled')),
  next_run_at      INTEGER,
  attempts         INTEGER NOT NULL DEFAULT 0,
  max_attempts     INTEGER NOT NULL,
  retries          INTEGER NOT NULL,
  retry_delay_ms   INTEGER NOT NULL,
  timeout_ms       INTEGER NOT NULL,
  workflow_id      TEXT,
  success_message  TEXT,
  failure_message  TEXT,
  completion_mode  TEXT NOT NULL CHECK (completion_mode IN ('notify', 'resume_conversation')),
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  last_run_at      INTEGER,
  completed_at     INTEGER,
  run_count        INTEGER NOT NULL DEFAULT 0,
  last_error       TEXT,
  -- Claim: who runs the current occurrence, until when, and which run row it is. A run id is
  -- `<claim ms, 12 hex>-<job id>-<4 hex>`: time first so run indexes grow at their end, the job
  -- id inside so a heartbeat finds its job by primary key (no index on lease_run_id).
  lease_owner      TEXT,
  lease_expires_at INTEGER,
  lease_run_id     TEXT
);

-- Due work: MIN(next_run_at) and the claim scan read only this index.
CREATE INDEX jobs_due ON jobs (next_run_at) WHERE status = 'active' AND lease_owner IS NULL;
-- Leased jobs, so expired leases are found without a scan.
CREATE INDEX jobs_leased ON jobs (lease_expires_at) WHERE lease_owner IS NOT NULL;
CREATE INDEX jobs_owner ON jobs (owner_platform, owner_user_id, status);
CREATE INDEX jobs_origin_chat ON jobs (origin_chat_id, status);
CREATE INDEX jobs_workflow ON jobs (workflow_id) WHERE workflow_id IS NOT NULL;
CREATE INDEX jobs_status ON jobs (status);

CREATE TABLE runs (
  run_id           TEXT PRIMARY KEY,          -- see jobs.lease_run_id
  job_id           TEXT NOT NULL,             -- no FK: history outlives a deleted job until pruned
  scheduled_for    INTEGER NOT NULL,
  started_at       INTEGER NOT NULL,
  finished_at      INTEGER,
  status           TEXT NOT NULL CHECK (status IN ('running', 'success', 'failure', 'timeout', 'skipped', 'abandoned')),
  trigger          TEXT NOT NULL CHECK (trigger IN ('schedule', 'manual', 'retry')),
  attempt          INTEGER NOT NULL,
  late_ms          INTEGER NOT NULL,
  duration_ms      INTEGER,
  result           TEXT,
  error            TEXT,
  ghost_session_id TEXT NOT NULL
);

CREATE INDEX runs_job ON runs (job_id, started_at);
CREATE INDEX runs_started ON runs (started_at);

CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  key              TEXT NOT NULL UNIQUE,      -- job id + scheduled instant + purpose: effectively-once
  job_id           TEXT,
  platform         TEXT NOT NULL,
  chat_id          TEXT NOT NULL,
  thread_id        TEXT,
  reply_to         TEXT,
  text             TEXT NOT NULL,
  actions          TEXT,                      -- JSON rows of {id,label}
  meta             TEXT,                      -- JSON
  status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'dead')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  available_at     INTEGER NOT NULL,
  lease_owner      TEXT,
  lease_expires_at INTEGER,
  created_at       INTEGER NOT NULL,
  sent_at          INTEGER,
  last_error       TEXT,
  sent_ref         TEXT
);

CREATE INDEX outbox_pending ON outbox (available_at, id) WHERE status = 'pending';
CREATE INDEX outbox_sending ON outbox (lease_expires_at) WHERE status = 'sending';
CREATE INDEX outbox_job ON outbox (job_id) WHERE job_id IS NOT NULL;
CREATE INDEX outbox_status ON outbox (status);
