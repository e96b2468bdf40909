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
