-- Coordination of benefits (issue 20). The patient's share an earlier payer left is not the patient's while a later
-- payer may still pay it: it waits as OTHER_INSURANCE_RECEIVABLE (pending with that payer: on no statement, no
-- dunning) until the last payer's remittance closes it into that payer's payment, its write-off and what the patient
-- owes after all payers.
ALTER TABLE journal_line DROP CONSTRAINT journal_line_ledger_account_check;
ALTER TABLE journal_line ADD CONSTRAINT journal_line_ledger_account_check CHECK (ledger_account IN ('GROSS_CHARGES',
    'INSURANCE_RECEIVABLE', 'INSURANCE_CASH', 'INSURANCE_CREDIT', 'CONTRACTUAL_ADJUSTMENT', 'OTHER_ADJUSTMENT',
    'PATIENT_RECEIVABLE', 'PATIENT_CASH', 'PATIENT_CREDIT', 'PATIENT_ADJUSTMENT', 'OTHER_INSURANCE_RECEIVABLE'));

-- a later payer's claim for a visit (secondary, tertiary) posts on the ledger of the visit's primary claim, so the
-- visit is charged once; null for a primary claim (its own ledger)
ALTER TABLE claim ADD COLUMN ledger_claim_id text;
-- the payer the patient's share is pending with (shown as "billed to <payer>"); null when none is pending
ALTER TABLE claim ADD COLUMN pending_payer_name text;

-- which payer a remittance came from, for each payer's part of a visit
ALTER TABLE journal_entry ADD COLUMN payer_name text;
