-- A claim replaced (frequency 7) or voided (frequency 8) by a later claim of the same encounter: its patient charges
-- are taken off the ledger when the replacement is submitted (journal entry kind CLAIM_VOID), and whatever the payer
-- still pays on it is held as a credit owed back to the payer, so one visit charges the patient once.
ALTER TABLE claim ADD COLUMN superseded_by text;

-- INSURANCE_CREDIT: payer money on a claim that is not the payer's to keep (a second payment of a paid claim, a
-- payment of a replaced claim): a credit balance to refund, or for the payer to recoup with a reversal.
ALTER TABLE journal_line DROP CONSTRAINT journal_line_ledger_account_check;
ALTER TABLE journal_line ADD CONSTRAINT journal_line_ledger_account_check CHECK (ledger_account IN ('GROSS_CHARGES',
    'INSURANCE_RECEIVABLE', 'INSURANCE_CASH', 'INSURANCE_CREDIT', 'CONTRACTUAL_ADJUSTMENT', 'OTHER_ADJUSTMENT',
    'PATIENT_RECEIVABLE', 'PATIENT_CASH', 'PATIENT_CREDIT', 'PATIENT_ADJUSTMENT'));

ALTER TABLE journal_entry DROP CONSTRAINT journal_entry_kind_check;
ALTER TABLE journal_entry ADD CONSTRAINT journal_entry_kind_check CHECK (kind IN ('REMITTANCE', 'REMITTANCE_REVERSAL',
    'DENIAL_RESPONSIBILITY', 'PATIENT_PAYMENT', 'WRITE_OFF', 'CLAIM_VOID', 'BALANCE_DECISION'));
