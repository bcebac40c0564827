-- Issue 22: the two indexes only the hourly housekeeping reads (OutboxRelay: published rows and idempotency marks past
-- their retention) were B-trees, so every handled event added an entry to processed_event's and every relayed row one
-- to outbox_published_at_idx. Both columns grow with the table's physical order (marks are appended; a published row's
-- new version is written where the table has room, at its end), so a BRIN index (a summary per range of pages) finds
-- the old rows as well, and an insert or update costs it nothing beyond the range being summarized later (VACUUM).
DROP INDEX processed_event_processed_at_idx;
CREATE INDEX processed_event_processed_at_brin ON processed_event USING brin (processed_at);
DROP INDEX outbox_published_at_idx;
CREATE INDEX outbox_published_at_brin ON outbox USING brin (published_at);
