-- Issue 21, "every list page under 300 ms with 100,000 claims" (docs/benchmark/console-lists.md): every filter and sort
-- of the claim lists (GET /claims, /work-lists/held/search, /work-lists/denials/search) reads an index, for its page
-- and for its total, which is counted exactly over the same index (an index-only scan where the visibility map allows).
-- Before, a status filter sorted by date of service, a payer with a range of dates of service, a patient and the
-- count of the unfiltered list read the whole claim table (ClaimListPlansTest shows the plans).

-- a status, by date of service (either way; claim_id orders a day's claims)
CREATE INDEX claim_status_service_idx ON claim (status, date_of_service, claim_id);
-- a payer, by or within dates of service
CREATE INDEX claim_payer_service_idx ON claim (payer_id, date_of_service, claim_id);
-- a patient's claims
CREATE INDEX claim_patient_idx ON claim (patient_mrn, date_of_service);
-- dates of service alone, and the whole list by date of service or by charge
CREATE INDEX claim_service_idx ON claim (date_of_service, claim_id);
CREATE INDEX claim_charge_idx ON claim (total_charge, claim_id);
-- the held list, oldest first, and its count
CREATE INDEX claim_held_idx ON claim (created_at, claim_id) WHERE status = 'HELD' AND is_current;
-- open denial work of every queue, oldest first (work_item_open_idx leads with the queue)
CREATE INDEX work_item_open_created_idx ON work_item (created_at, id) WHERE resolved_at IS NULL;
