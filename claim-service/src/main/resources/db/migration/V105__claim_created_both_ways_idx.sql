-- Issue 21, a deep claims page's plan made reliable: the claim lists order a sort's ties by claim id in the sort's own
-- direction (newest first is created_at DESC, claim_id DESC), so that one index on (column, claim_id) gives the order
-- read either way, and the console's next and previous links find their page after (or before) a claim by a row
-- comparison on those columns (keyset paging). claim_created_idx was (created_at DESC, claim_id), which neither order
-- of created_at with its ties read the same way matches.
DROP INDEX claim_created_idx;
CREATE INDEX claim_created_idx ON claim (created_at, claim_id);
