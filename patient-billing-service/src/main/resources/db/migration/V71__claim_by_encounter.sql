-- Issue 22: a visit's claims are looked up by encounter on every registration (the later payers' claims a primary
-- claim takes over, the earlier claims billed to the patient) and when a later payer's claim links to the visit's
-- ledger, but only self-pay claims billed to the patient had an index by encounter: the rest scanned the whole claim
-- table each time. In ./stack bench (8,000 encounters) that was 4,930 sequential scans reading 20.9 million rows, a
-- cost that grows with every claim the ledger holds.
CREATE INDEX claim_encounter ON claim (tenant_id, encounter_id);
