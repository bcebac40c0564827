-- A row the broker can never take (larger than its message limit, a record it refuses as such) is parked with the
-- reason instead of being retried forever: the relay skips it, the rows after it flow. An operator reads the
-- reason (ids and the error class only) and deletes or re-appends the row.
ALTER TABLE outbox ADD COLUMN parked_at timestamptz;
ALTER TABLE outbox ADD COLUMN parked_reason text;
DROP INDEX outbox_unpublished_idx;
CREATE INDEX outbox_unpublished_idx ON outbox (seq) WHERE published_at IS NULL AND parked_at IS NULL;
