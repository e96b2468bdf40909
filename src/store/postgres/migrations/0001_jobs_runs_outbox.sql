-- Jobs, execution history and the delivery outbox: the SQLite schema after its migration 0003.
-- Times are BIGINT epoch milliseconds; structured fields are JSON text (kept byte for byte, so
-- a schedule round-trips exactly). A run in progress lives on its job's lease columns; the
-- finished run row is inserted when it settles.

CREATE TABLE jobs (
  id                  TEXT PRIMARY KEY,
  -- Creation order, for ties between jobs due at the same instant (SQLite's rowid).
  seq                 BIGINT GENERATED ALWAYS AS IDENTITY,
  name                TEXT NOT NULL,
  kind                TEXT NOT NULL,
  payload             TEXT NOT NULL,             -- JSON
  owner_platform      TEXT NOT NULL,
  owner_user_id       TEXT NOT NULL,
  owner_name          TEXT,
  origin              TEXT NOT NULL,             -- JSON Origin
  origin_platform     TEXT NOT NULL,             -- copied out of origin for filtering
  origin_chat_id      TEXT NOT NULL,
  schedule            TEXT NOT NULL,             -- JSON Schedule
  bounds              TEXT NOT NULL,             -- JSON ScheduleBounds
  time_zone           TEXT NOT NULL,
  status              TEXT NOT NULL CHECK (status IN ('active', 'paused', 'completed', 'failed', 'cancelled')),
  next_run_at         BIGINT,
  attempts            INTEGER NOT NULL DEFAULT 0,
  max_attempts        INTEGER NOT NULL,
  retries             INTEGER NOT NULL,
  retry_delay_ms      BIGINT NOT NULL,
  timeout_ms          BIGINT NOT NULL,
  workflow_id         TEXT,
  success_message     TEXT,
  failure_message     TEXT,
  completion_mode     TEXT NOT NULL CHECK (completion_mode IN ('notify', 'resume_conversation')),
  created_at          BIGINT NOT NULL,
  updated_at          BIGINT NOT NULL,
  last_run_at         BIGINT,
  completed_at        BIGINT,
  run_count           INTEGER NOT NULL DEFAULT 0,
  last_error          TEXT,
  -- Claim: who runs the current occurrence, until when, and which run it is. A run id is
  -- `<claim ms, 12 hex>-<job id>-<4 hex>`: time first so the history orders by it, the job id
  -- inside so a heartbeat finds its job by primary key.
  lease_owner         TEXT,
  lease_expires_at    BIGINT,
  lease_run_id        TEXT COLLATE "C",
  lease_scheduled_for BIGINT,                    -- the occurrence the lease runs
  lease_trigger       TEXT CHECK (lease_trigger IN ('schedule', 'manual', 'retry')),
  lease_claimed_at    BIGINT                     -- the run's start
);

-- Due work: MIN(next_run_at) and the claim scan (oldest first, ties by seq) read only this index.
CREATE INDEX jobs_due ON jobs (next_run_at, seq) WHERE status = 'active' AND lease_owner IS NULL;
-- Leased jobs: expired leases and runs in progress are found without a scan.
CREATE INDEX jobs_leased ON jobs (lease_expires_at) WHERE lease_owner IS NOT NULL;
CREATE INDEX jobs_owner ON jobs (owner_platform, owner_user_id);
CREATE INDEX jobs_origin_chat ON jobs (origin_chat_id);
CREATE INDEX jobs_workflow ON jobs (workflow_id) WHERE workflow_id IS NOT NULL;
-- Only paused jobs are looked up by status alone (resume all).
CREATE INDEX jobs_paused ON jobs (id) WHERE status = 'paused';

CREATE TABLE runs (
  -- Byte order ("C"), not the database's collation: history is ordered by run id.
  run_id           TEXT COLLATE "C" PRIMARY KEY,
  job_id           TEXT NOT NULL,                -- no FK: history outlives a deleted job until pruned
  scheduled_for    BIGINT NOT NULL,
  started_at       BIGINT NOT NULL,
  finished_at      BIGINT,
  status           TEXT NOT NULL CHECK (status IN ('running', 'success', 'failure', 'timeout', 'skipped', 'abandoned')),
  trigger          TEXT NOT NULL CHECK (trigger IN ('schedule', 'manual', 'retry')),
  attempt          INTEGER NOT NULL,
  late_ms          BIGINT NOT NULL,
  duration_ms      BIGINT,
  result           TEXT,
  error            TEXT,
  ghost_session_id TEXT NOT NULL
);

CREATE INDEX runs_job ON runs (job_id, run_id);
-- The poison rule counts abandoned runs of one occurrence.
CREATE INDEX runs_abandoned ON runs (job_id, scheduled_for) WHERE status = 'abandoned';

CREATE TABLE outbox (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key              TEXT NOT NULL UNIQUE,         -- job id + scheduled instant + purpose: effectively-once
  job_id           TEXT,
  platform         TEXT NOT NULL,
  chat_id          TEXT NOT NULL,
  thread_id        TEXT,
  reply_to         TEXT,
  text             TEXT NOT NULL,
  actions          TEXT,                         -- JSON rows of {id,label}
  meta             TEXT,                         -- JSON
  status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'dead')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  available_at     BIGINT NOT NULL,
  lease_owner      TEXT,
  lease_expires_at BIGINT,
  created_at       BIGINT NOT NULL,
  sent_at          BIGINT,
  last_error       TEXT,
  sent_ref         TEXT
);

CREATE INDEX outbox_pending ON outbox (available_at, id) WHERE status = 'pending';
CREATE INDEX outbox_sending ON outbox (lease_expires_at) WHERE status = 'sending';
CREATE INDEX outbox_dead ON outbox (id) WHERE status = 'dead';
