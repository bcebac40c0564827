-- a claim's open work items (issue 22): a payment's claim read asks whether there are any, and resolving them
-- looks them up by claim; without this both scanned every open work item
CREATE INDEX work_item_claim_open_idx ON work_item (claim_id) WHERE resolved_at IS NULL;
