-- Issue 22: seq (V1) was declared UNIQUE, a third B-tree entry for every outbox row besides its primary key and
-- outbox_unpublished_idx. Nothing reads that index: the relay finds the rows to send by outbox_unpublished_idx (seq,
-- the unsent rows only) and deletes or marks them by id, the housekeeping reads outbox_published_at_brin. seq is an
-- identity column, so its values stay unique without an index to check them.
ALTER TABLE outbox DROP CONSTRAINT outbox_seq_key;
