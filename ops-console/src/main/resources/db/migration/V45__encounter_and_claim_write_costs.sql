-- Issue 22: three indexes another one covers (same leading column), kept up to date on every encounter and claim the
-- read model writes and never chosen over the other: encounter_documented and encounter_date_of_service (V11) by the
-- list orders' encounter_documented_newest and encounter_date_of_service_newest (V25), which serve the same ranges
-- (read either way), and claim_encounter (V1) by claim_encounter_submitted (V11), which leads with encounter_id.
DROP INDEX encounter_documented;
DROP INDEX encounter_date_of_service;
DROP INDEX claim_encounter;
-- An encounter's row changes after it is written (its coding version, its first payment) without touching an
-- indexed column; room on its page keeps those changes there (HOT) instead of adding an entry to each index. Only
-- about a third were before: the page a new encounter lands on is filled by the next ones before its updates come.
ALTER TABLE encounter SET (fillfactor = 70);
