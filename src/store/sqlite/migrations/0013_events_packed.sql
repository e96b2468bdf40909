-- Consecutive events of one job, recorded by one transaction with one actor, share a row (issue
-- 14): an instant run of a one-off records run.started, run.succeeded and job.status together,
-- and three rows were three event-row inserts and three entries at random places in events_job,
-- a quarter of a burst's CPU per run. The row is the group's last event (its id, type and body);
-- `more` holds the earlier ones, oldest first, as a JSON array of [type, body], with the ids
-- just below the row's (id - n … id - 1 for n of them). The writer assigns ids explicitly so a
-- row of n + 1 events takes n + 1 ids; readers (store/sqlite/event-queries.ts) hand out each
-- event on its own, so the log's contract (one id per event, ids only grow) is unchanged.
ALTER TABLE events ADD COLUMN more TEXT;
