-- The event log (audit log and live stream): one row per job change, run start and outcome,
-- and delivery outcome, written in the same transaction as the change it records. Readers page
-- with `id > since`: SQLite has one writer at a time (BEGIN IMMEDIATE), so ids become visible
-- in id order. An id must never be reused (a client resuming from `Last-Event-ID` would be
-- handed a different event under an old id): pruning always keeps the newest row, so the next
-- rowid stays above every id handed out, without AUTOINCREMENT's extra write per insert.
CREATE TABLE events (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,                 -- epoch ms
  type        TEXT NOT NULL,                    -- job.created, run.succeeded, delivery.sent, … (core/ports/event-log.ts)
  job_id      TEXT,
  actor_type  TEXT NOT NULL CHECK (actor_type IN ('HUMAN', 'SCHEDULER', 'API', 'UNKNOWN')),
  actor_name  TEXT,                             -- token name, user, scheduler instance
  session_id  TEXT,
  body        TEXT NOT NULL                     -- small JSON object
);

-- One job's log; `id > since` uses the primary key. Pruning by age walks the oldest ids (ids
-- follow time), so `at` needs no index: one B-tree fewer written per event.
CREATE INDEX events_job ON events (job_id, id) WHERE job_id IS NOT NULL;
