-- The A/R as it stood at the end of a KPI period: payments posted before it, claims replaced before it.
CREATE INDEX timeline_event_payment ON timeline_event (claim_id, occurred_at) WHERE kind = 'PAYMENT_POSTED';
CREATE INDEX claim_replaced ON claim (replaced_claim_id) WHERE replaced_claim_id IS NOT NULL;
