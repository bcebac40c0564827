-- Issue 22: timeline_event_claim (V1) took an entry for every event the read model records (about four an encounter)
-- and no query reads it: a claim's payments are found by timeline_event_payment (claim_id, occurred_at, PAYMENT_POSTED
-- only; the A/R series' triggers, the KPI page), its denials by timeline_event_denied_at, the timeline by encounter.
DROP INDEX timeline_event_claim;
