-- Listing every job (`chime jobs list --all`) pages by creation order: `WHERE seq > $after
-- ORDER BY seq LIMIT n` reads one page of this index per call, so a hundred thousand jobs are
-- read page by page instead of sorted again for every page. `seq` never changes after the
-- insert, so the index costs nothing on claims and settles.
CREATE INDEX jobs_seq ON jobs (seq);
