-- Running Chime processes by instance id (CHIME_INSTANCE_ID, or the process's own lease owner
-- when none is set): which process holds the id, and when it last said it still runs. A start
-- under an id another process holds and renews is refused: two live processes under one id
-- would take each other's runs in progress for a crashed predecessor's (lease recovery) and run
-- them again. A row silent for its lease belongs to a process that is gone (core/instance-claim.ts).
CREATE TABLE instances (
  instance_id TEXT PRIMARY KEY,
  -- The holding process's lease owner: new at every start, so a restart is told from the same process.
  boot        TEXT NOT NULL,
  host        TEXT NOT NULL,
  pid         INTEGER NOT NULL,
  started_at  BIGINT NOT NULL,
  -- Its last heartbeat (epoch ms, its clock), renewed every third of its lease.
  seen_at     BIGINT NOT NULL,
  lease_ms    BIGINT NOT NULL
);
