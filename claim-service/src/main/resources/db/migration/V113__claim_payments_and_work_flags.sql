-- Issue 22: a payment read the claim's earlier payments and resolved its open work items, mostly finding none. The
-- claim row now says whether it ever had a payment posted and whether a work item was ever opened for it (both
-- only ever become true: set by the claim's update after a posting, and by the insert of a work item), so that a
-- payment reads or resolves them only when there may be some. On the claim row, which the payment reads locked, so
-- that it is current even when the payment waited for another transaction's lock.
ALTER TABLE claim
    ADD COLUMN payments_posted boolean NOT NULL DEFAULT false,
    ADD COLUMN work_opened     boolean NOT NULL DEFAULT false;

UPDATE claim c SET payments_posted = true WHERE EXISTS (SELECT 1 FROM claim_payment p WHERE p.claim_id = c.claim_id);
UPDATE claim c SET work_opened = true
WHERE EXISTS (SELECT 1 FROM work_item w WHERE w.claim_id = c.claim_id AND w.resolved_at IS NULL);
