-- A self-pay visit billed to the patient (ClaimBilledToPatient): its claim is registered like a submitted one, marked
-- billed_to_patient, and a SELF_PAY_CHARGE entry puts the whole charge on the patient (patient receivable, kind
-- OTHER, against gross charges). A later claim of the same visit (the visit recoded and billed to the patient again,
-- or submitted to a payer) takes it off with a CLAIM_VOID entry: one visit charges the patient once. At most one
-- self-pay charge per claim.
ALTER TABLE claim ADD COLUMN billed_to_patient boolean NOT NULL DEFAULT false;
CREATE INDEX claim_billed_to_patient_by_encounter ON claim (tenant_id, encounter_id) WHERE billed_to_patient;

ALTER TABLE journal_entry DROP CONSTRAINT journal_entry_kind_check;
ALTER TABLE journal_entry ADD CONSTRAINT journal_entry_kind_check CHECK (kind IN ('REMITTANCE', 'REMITTANCE_REVERSAL',
    'DENIAL_RESPONSIBILITY', 'PATIENT_PAYMENT', 'WRITE_OFF', 'CLAIM_VOID', 'BALANCE_DECISION',
    'PATIENT_PAYMENT_REVERSAL', 'PATIENT_REFUND', 'SELF_PAY_CHARGE'));
CREATE UNIQUE INDEX journal_entry_self_pay_charge_once ON journal_entry (tenant_id, claim_id)
    WHERE kind = 'SELF_PAY_CHARGE';
