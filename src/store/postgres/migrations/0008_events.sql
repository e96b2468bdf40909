-- The event log (audit log and live stream): one row per job change, run start and outcome,
-- and delivery outcome, written in the same transaction as the change it records.
--
-- Readers page with `id > since`, so an id must never become visible after a higher one: with
-- several instances, an identity column alone would let transaction A take id 10, B take 11
-- and commit first, and a reader at since = 11 would never see 10. Ids are therefore handed out
-- by the one row of `events_counter`, updated in the same statement that inserts the events
-- (the last statement of every transaction that writes events): its row lock is held until
-- commit, so the next transaction gets its ids only after this one is visible. That serializes
-- the tail (event insert + COMMIT) of event-writing transactions, which Chime's commits already
-- are: each ends with NOTIFY, and PostgreSQL serializes NOTIFYing commits on one lock. Rolled
-- back ids are handed out again (no gaps), and the lock is always the transaction's last, so
-- it cannot take part in a deadlock.
CREATE TABLE events (
  id          BIGINT PRIMARY KEY,
  at          BIGINT NOT NULL,                  -- epoch ms
  type        TEXT NOT NULL,                    -- job.created, run.succeeded, delivery.sent, … (core/ports/event-log.ts)
  job_id      TEXT,
  actor_type  TEXT NOT NULL CHECK (actor_type IN ('HUMAN', 'SCHEDULER', 'API', 'UNKNOWN')),
  actor_name  TEXT,                             -- token name, user, scheduler instance
  session_id  TEXT,
  body        TEXT NOT NULL                     -- small JSON object
);

CREATE TABLE events_counter (
  one      BOOLEAN PRIMARY KEY DEFAULT true CHECK (one),
  last_id  BIGINT NOT NULL
);
INSERT INTO events_counter (one, last_id) VALUES (true, 0);

-- One job's log; `id > since` uses the primary key. Pruning by age walks the oldest ids (ids
-- follow commit order, so time), so `at` needs no index: one B-tree fewer written per event.
CREATE INDEX events_job ON events (job_id, id) WHERE job_id IS NOT NULL;
