-- The API lists jobs by recurrence in SQL (GET /api/v1/jobs?recurring=true) instead of reading
-- every job to ask the schedule engine. New and rewritten rows take the flag from core's
-- isRecurring (store/engine/rows.ts: jobToParams); a schedule never changes without a rewrite.
-- This backfill is that rule as of this version, once, for the rows already here: once and
-- manual schedules fire at most once, a multi repeats when any trigger is not a once, every
-- other kind repeats. No index: the flag narrows a listing that reads the table anyway, and an
-- index would cost every insert a B-tree write.
ALTER TABLE jobs ADD COLUMN recurring INTEGER NOT NULL DEFAULT 0;

UPDATE jobs SET recurring = CASE json_extract(schedule, '$.kind')
  WHEN 'once' THEN 0
  WHEN 'manual' THEN 0
  WHEN 'multi' THEN EXISTS (SELECT 1 FROM json_each(schedule, '$.triggers') WHERE json_extract(value, '$.kind') <> 'once')
  ELSE 1 END;

-- The API's sorted listings (GET /api/v1/jobs?sort=…) walk these in order and stop after a
-- page, instead of sorting every job for every page (24-40 ms at 100,000 jobs; bench
-- api-list.ts). Each expression is the one store/engine/job-list-sql.ts sorts by; rowid,
-- appended to every index, breaks ties in creation order. Creation order is the table itself
-- and id order its primary key. Costs: a name is written at insert (rarely changed); next run
-- changes with every settle, one B-tree write more per run, the price of an "upcoming first"
-- listing that stays fast. Last update has no index: it changes with every write, so sorting
-- by it scans.
CREATE INDEX jobs_list_next_run ON jobs (COALESCE(next_run_at, 9007199254740991));
CREATE INDEX jobs_list_name ON jobs (lower(name));
