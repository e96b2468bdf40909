-- Per-user notes (/remember, /recall) and per-user / per-chat preferences.

CREATE TABLE notes (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  platform    TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  text        TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);

CREATE INDEX notes_owner ON notes (platform, user_id, id);

CREATE TABLE prefs (
  platform    TEXT NOT NULL,
  scope       TEXT NOT NULL CHECK (scope IN ('user', 'chat')),
  scope_id    TEXT NOT NULL,
  time_zone   TEXT,
  date_order  TEXT CHECK (date_order IN ('dmy', 'mdy')),
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (platform, scope, scope_id)
) WITHOUT ROWID;
