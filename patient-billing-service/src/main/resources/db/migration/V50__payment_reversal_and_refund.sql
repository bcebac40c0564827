-- A patient payment undone (posted twice, a bounced check, the wrong account) and patient credit paid back: both are
-- journal entries like any other (the ledger stays append-only), each with the reason someone gave.
ALTER TABLE journal_entry DROP CONSTRAINT journal_entry_kind_check;
ALTER TABLE journal_entry ADD CONSTRAINT journal_entry_kind_check CHECK (kind IN ('REMITTANCE', 'REMITTANCE_REVERSAL',
    'DENIAL_RESPONSIBILITY', 'PATIENT_PAYMENT', 'WRITE_OFF', 'CLAIM_VOID', 'BALANCE_DECISION',
    'PATIENT_PAYMENT_REVERSAL', 'PATIENT_REFUND'));

-- A payment is reversed at most once: the exact opposite of its entry, with the reason.
CREATE TABLE patient_payment_reversal (
    payment_id        bigint      PRIMARY KEY REFERENCES patient_payment (id),
    journal_entry_id  bigint      NOT NULL REFERENCES journal_entry (id),
    reason            text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    reversed_by       text        NOT NULL,
    reversed_at       timestamptz NOT NULL DEFAULT now()
);

-- Patient credit paid back to the patient: once per idempotency key, never more than the credit.
CREATE TABLE patient_refund (
    id               bigserial     PRIMARY KEY,
    tenant_id        text          NOT NULL,
    account_id       bigint        NOT NULL REFERENCES patient_account (id),
    idempotency_key  text          NOT NULL,
    request_hash     text          NOT NULL,
    amount           numeric(12,2) NOT NULL CHECK (amount > 0),
    method           text          NOT NULL CHECK (method IN ('CASH', 'CHECK', 'CARD', 'ACH', 'OTHER')),
    reason           text          NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    journal_entry_id bigint        NOT NULL REFERENCES journal_entry (id),
    refunded_by      text          NOT NULL,
    refunded_at      timestamptz   NOT NULL DEFAULT now(),
    UNIQUE (account_id, idempotency_key)
);
