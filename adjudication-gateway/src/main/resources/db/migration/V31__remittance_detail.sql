-- Issue 15, items 3, 4 and 6: a deposit (835 ERA) with what it needs to be reconciled and compared, each CLP with
-- any overpaid amount and, while unmatched, the CLP as read (posted when its claim becomes known), and the
-- provider-level adjustments (PLB) per deposit.
ALTER TABLE remittance ADD COLUMN credit_debit text NOT NULL DEFAULT 'C';
ALTER TABLE remittance ADD COLUMN payment_method_code text;
ALTER TABLE remittance ADD COLUMN payer_id text;
ALTER TABLE remittance ADD COLUMN payer_name text;

ALTER TABLE remittance_claim ADD COLUMN overpaid_amount numeric(12,2);
ALTER TABLE remittance_claim ADD COLUMN matched_by text;
-- patient data (member id, the CLP as read): read by ADMIN / BILLER REST only, never logged
ALTER TABLE remittance_claim ADD COLUMN member_id text;
ALTER TABLE remittance_claim ADD COLUMN payment_json jsonb;
CREATE INDEX remittance_claim_claim ON remittance_claim (claim_id) WHERE claim_id IS NOT NULL;
CREATE INDEX remittance_claim_unmatched_pcn ON remittance_claim (patient_control_number) WHERE claim_id IS NULL;
CREATE INDEX remittance_claim_unmatched_payer_number ON remittance_claim (payer_claim_number) WHERE claim_id IS NULL;
CREATE INDEX remittance_claim_unmatched_member ON remittance_claim (member_id) WHERE claim_id IS NULL;

CREATE TABLE remittance_provider_adjustment (
    id                 bigserial PRIMARY KEY,
    remittance_id      bigint        NOT NULL REFERENCES remittance (id),
    provider_id        text,
    fiscal_period_date date,
    reason_code        text          NOT NULL,
    kind               text          NOT NULL,
    reference          text,
    amount             numeric(12,2) NOT NULL
);
CREATE INDEX remittance_provider_adjustment_remittance ON remittance_provider_adjustment (remittance_id, id);

CREATE INDEX remittance_trace ON remittance (trace_number);
CREATE INDEX outbound_claim_payer_claim_number ON outbound_claim (payer_claim_number)
    WHERE payer_claim_number IS NOT NULL;
CREATE INDEX outbound_claim_member ON outbound_claim ((claim_json -> 'coverage' ->> 'memberId'));
