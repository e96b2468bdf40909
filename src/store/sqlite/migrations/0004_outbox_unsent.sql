-- A chat's messages go out in id order: each chat's first unsent message (its head) holds back
-- the rest. nextOutboxAt finds the heads by hopping from chat to chat on this index, one seek
-- per chat with unsent messages, instead of grouping every unsent row (10-30 ms with 10,000
-- queued). Only unsent rows are in it, so it stays as small as the queue.
CREATE INDEX outbox_unsent ON outbox (platform, chat_id, id) WHERE status IN ('pending', 'sending');
