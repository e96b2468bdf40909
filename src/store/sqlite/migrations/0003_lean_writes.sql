-- Fewer writes per run, for burst throughput (thousands of jobs due in the same second).
--
-- 1. A run in progress lives on its job row (the lease), not in `runs`: a claim used to insert
--    a 'running' history row and the settle to update it, two writes to three B-trees. Now the
--    claim records the occurrence on the lease and the settle inserts the finished row once.
--    History shows runs in progress by reading the leased jobs (see listRuns); a lease that is
--    taken over or dropped is written to `runs` as 'abandoned' at that moment.
-- 2. Fewer B-trees written per run. Indexes rewritten by every settle lose the `status` they
--    did not need (jobs_owner, jobs_origin_chat) or go (jobs_status, outbox_status: partial
--    indexes on the rare statuses replace them; outbox_job: nothing reads it). The run id
--    begins with the start time, so it orders the history and `runs_started` goes.
-- 3. The outbox key drops AUTOINCREMENT (an extra sqlite_sequence write per message). Ids may
--    then be reused only after the newest message was pruned, and nothing keeps pruned ids.
-- From 14 B-tree writes per one-off run (claim and settle) to 11.

ALTER TABLE jobs ADD COLUMN lease_scheduled_for INTEGER;   -- the occurrence the lease runs
ALTER TABLE jobs ADD COLUMN lease_trigger TEXT;            -- schedule | manual | retry
ALTER TABLE jobs ADD COLUMN lease_claimed_at INTEGER;      -- the run's start

-- Carry runs in progress over onto their leases, then drop their 'running' rows.
UPDATE jobs SET
  lease_scheduled_for = (SELECT scheduled_for FROM runs WHERE run_id = jobs.lease_run_id),
  lease_trigger = (SELECT trigger FROM runs WHERE run_id = jobs.lease_run_id),
  lease_claimed_at = (SELECT started_at FROM runs WHERE run_id = jobs.lease_run_id)
WHERE lease_run_id IS NOT NULL;
UPDATE jobs SET
  lease_scheduled_for = COALESCE(lease_scheduled_for, next_run_at, lease_expires_at),
  lease_trigger = COALESCE(lease_trigger, 'schedule'),
  lease_claimed_at = COALESCE(lease_claimed_at, lease_expires_at)
WHERE lease_run_id IS NOT NULL;
DELETE FROM runs WHERE status = 'running' AND run_id IN (SELECT lease_run_id FROM jobs WHERE lease_run_id IS NOT NULL);
-- A 'running' row without a lease could never finish.
UPDATE runs SET status = 'abandoned', finished_at = started_at, error = 'run lost its lease'
WHERE status = 'running';

-- Run ids begin with the start time (12 hex digits of epoch ms): the primary key already
-- orders the history by start, so `runs_started` was a third B-tree written per run for nothing.
-- (A WITHOUT ROWID table keyed by run id was tried and is slower: its wide rows land mid-tree,
-- while rowid rows append and only the narrow key index takes the scattered inserts.)
DROP INDEX runs_started;
DROP INDEX runs_job;
CREATE INDEX runs_job ON runs (job_id, run_id);

-- Every one-off settle moves a job from active to completed, and a full status index paid two
-- entry rewrites for it. Only paused jobs are looked up by status alone (resume all); other
-- status filters ride on the owner or chat index, or scan (CLI lists and statistics).
DROP INDEX jobs_status;
CREATE INDEX jobs_paused ON jobs (id) WHERE status = 'paused';

DROP INDEX jobs_owner;
DROP INDEX jobs_origin_chat;
CREATE INDEX jobs_owner ON jobs (owner_platform, owner_user_id);
CREATE INDEX jobs_origin_chat ON jobs (origin_chat_id);

CREATE TABLE outbox_new (
  id               INTEGER PRIMARY KEY,
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
INSERT INTO outbox_new SELECT id, key, job_id, platform, chat_id, thread_id, reply_to, text, actions,
  meta, status, attempts, available_at, lease_owner, lease_expires_at, created_at, sent_at,
  last_error, sent_ref FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;

CREATE INDEX outbox_pending ON outbox (available_at, id) WHERE status = 'pending';
CREATE INDEX outbox_sending ON outbox (lease_expires_at) WHERE status = 'sending';
-- Only dead letters are listed and counted by status; a full status index was rewritten on
-- every send for nothing. Nothing looks messages up by job, so no index on job_id either.
CREATE INDEX outbox_dead ON outbox (id) WHERE status = 'dead';
