-- The API lists jobs by recurrence in SQL (GET /api/v1/jobs?recurring=true) instead of reading
-- every job to ask the schedule engine. New and rewritten rows take the flag from core's
-- isRecurring (store/engine/rows.ts: jobToParams); a schedule never changes without a rewrite.
-- This backfill is that rule as of this version, once, for the rows already here: once and
-- manual schedules fire at most once, a multi repeats when any trigger is not a once, every
-- other kind repeats. SMALLINT 0/1, not BOOLEAN: rows keep SQLite's shape (engine/rows.ts).
ALTER TABLE jobs ADD COLUMN recurring SMALLINT NOT NULL DEFAULT 0;

UPDATE jobs SET recurring = CASE schedule::jsonb ->> 'kind'
  WHEN 'once' THEN 0
  WHEN 'manual' THEN 0
  WHEN 'multi' THEN (EXISTS (
    SELECT 1 FROM jsonb_array_elements(schedule::jsonb -> 'triggers') AS t WHERE t ->> 'kind' <> 'once'))::int
  ELSE 1 END;

-- The API's sorted listings (GET /api/v1/jobs?sort=…) walk these in order and stop after a
-- page, instead of sorting every job for every page (bench api-list.ts). Each expression is
-- the one store/engine/job-list-sql.ts sorts by, with seq for ties in creation order (the
-- keyset compares the pair). Creation order is jobs_seq; ids and names compare bytewise
-- (COLLATE "C", as SQLite's BINARY), which the primary key's collation may not. Costs: ids
-- and names are written at insert; next run changes with every settle, one index write more
-- per run. Last update has no index: it changes with every write, so sorting by it scans.
CREATE INDEX jobs_list_next_run ON jobs (COALESCE(next_run_at, 9007199254740991), seq);
CREATE INDEX jobs_list_name ON jobs ((lower(name) COLLATE "C"), seq);
CREATE INDEX jobs_list_id ON jobs ((id COLLATE "C"));
