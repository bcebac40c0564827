-- Issue 21: the KPI page reads its period, not the history (docs/benchmark/console-lists.md: the A/R as of the
-- period's end summed every claim and its payments up to then, and the period's claims were read into memory).
-- The A/R at the end of a period reads only the claims that can be open then: those open now (this partial index;
-- its expression is the one JdbcReadModel.arAsOf writes), those paid since (payments by time) and those replaced since.
CREATE INDEX claim_open_submitted ON claim (submitted_at)
    WHERE total_charge - paid_amount - patient_responsibility - contractual_adjustment > 0;
CREATE INDEX timeline_event_payment_at ON timeline_event (occurred_at, claim_id) WHERE kind = 'PAYMENT_POSTED';
CREATE INDEX claim_replacement_submitted ON claim (submitted_at) WHERE replaced_claim_id IS NOT NULL;
-- the period's denials, by category, CARC and payer
CREATE INDEX timeline_event_denied_at ON timeline_event (occurred_at) WHERE kind = 'DENIED';
