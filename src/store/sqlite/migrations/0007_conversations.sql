-- The agent's bounded conversation memory (issue 13): one conversation per person per human
-- session, and its messages (only the text people saw, no tool calls). Housekeeping deletes
-- old messages, then conversations left empty.

CREATE TABLE conversations (
  id          TEXT PRIMARY KEY,
  session_id  TEXT NOT NULL,
  platform    TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE conversation_messages (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  conversation_id  TEXT NOT NULL REFERENCES conversations (id),
  role             TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
  content          TEXT NOT NULL,
  entity_type      TEXT NOT NULL,
  created_at       INTEGER NOT NULL
);

-- The last N of one conversation, newest first.
CREATE INDEX conversation_messages_recent ON conversation_messages (conversation_id, id);
-- Pruning by age.
CREATE INDEX conversation_messages_age ON conversation_messages (created_at);
