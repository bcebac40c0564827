-- patient-billing-service: a double-entry patient ledger, statements, patient payments and payment plans.
-- Amounts are numeric(12,2) US dollars. Ledger sign convention: a positive amount is a debit, a negative one a credit.

-- One account per patient (the guarantor who receives statements) per tenant, opened from ClaimSubmitted.
CREATE TABLE patient_account (
    id              bigserial PRIMARY KEY,
    tenant_id       text        NOT NULL,
    patient_ref     text        NOT NULL,   -- the tenant's medical record number
    guarantor_name  text,                   -- statement addressee; protected health information, never logged
    address_line1   text,
    address_line2   text,
    city            text,
    state           text,
    postal_code     text,
    opened_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, patient_ref)
);

-- Claims known from ClaimSubmitted: which account a remittance or denial belongs to, and what it billed.
CREATE TABLE claim (
    tenant_id              text          NOT NULL,
    claim_id               text          NOT NULL,
    encounter_id           text          NOT NULL,
    account_id             bigint        NOT NULL REFERENCES patient_account (id),
    patient_control_number text          NOT NULL,
    service_from           date          NOT NULL,
    service_to             date          NOT NULL,
    billing_provider       text          NOT NULL,  -- the practice the statement is payable to
    rendering_provider     text,
    payer_name             text          NOT NULL,
    total_charge           numeric(12,2) NOT NULL,
    submitted_at           timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, claim_id)
);
CREATE INDEX claim_account ON claim (account_id);

CREATE TABLE journal_entry (
    id              bigserial   PRIMARY KEY,
    tenant_id       text        NOT NULL,
    account_id      bigint      NOT NULL REFERENCES patient_account (id),
    kind            text        NOT NULL CHECK (kind IN ('REMITTANCE', 'REMITTANCE_REVERSAL', 'DENIAL_RESPONSIBILITY',
                                                         'PATIENT_PAYMENT', 'WRITE_OFF')),
    claim_id        text,
    effective_date  date        NOT NULL,   -- payment date, denial date or date a patient payment was received
    source_event_id uuid,
    trace_number    text,
    claim_status    text,
    description     text        NOT NULL,
    posted_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX journal_entry_account ON journal_entry (account_id, id);
CREATE INDEX journal_entry_claim ON journal_entry (tenant_id, claim_id);
-- The natural key of a remittance: the same claim, trace number and claim status posts once, whatever its eventId.
CREATE UNIQUE INDEX journal_entry_remittance_once ON journal_entry (tenant_id, claim_id, trace_number, claim_status)
    WHERE kind IN ('REMITTANCE', 'REMITTANCE_REVERSAL');
CREATE UNIQUE INDEX journal_entry_denial_once ON journal_entry (tenant_id, claim_id, trace_number)
    WHERE kind = 'DENIAL_RESPONSIBILITY' AND trace_number IS NOT NULL;

CREATE TABLE journal_line (
    entry_id       bigint        NOT NULL REFERENCES journal_entry (id),
    line_no        int           NOT NULL,
    ledger_account text          NOT NULL CHECK (ledger_account IN ('GROSS_CHARGES', 'INSURANCE_RECEIVABLE',
                                      'INSURANCE_CASH', 'CONTRACTUAL_ADJUSTMENT', 'OTHER_ADJUSTMENT',
                                      'PATIENT_RECEIVABLE', 'PATIENT_CASH', 'PATIENT_CREDIT', 'PATIENT_ADJUSTMENT')),
    claim_id       text,
    component      text          CHECK (component IN ('DEDUCTIBLE', 'COINSURANCE', 'COPAY', 'OTHER')),
    amount         numeric(12,2) NOT NULL CHECK (amount <> 0),
    PRIMARY KEY (entry_id, line_no),
    -- what the patient owes is always owed on a claim and of a kind; every other line has no kind
    CHECK ((component IS NULL) OR (ledger_account = 'PATIENT_RECEIVABLE' AND claim_id IS NOT NULL))
);
CREATE INDEX journal_line_claim ON journal_line (claim_id) WHERE claim_id IS NOT NULL;

-- Which entry reversed or superseded which. An entry stands unless a standing entry reversed it, so a denial
-- superseded by a remittance stands again when that remittance is reversed, and can be superseded once more.
CREATE TABLE journal_entry_reversal (
    reversed_entry_id  bigint NOT NULL REFERENCES journal_entry (id),
    reversing_entry_id bigint NOT NULL REFERENCES journal_entry (id),
    PRIMARY KEY (reversed_entry_id, reversing_entry_id),
    CHECK (reversing_entry_id > reversed_entry_id)
);

-- Double entry, enforced by the database as well as in code: at commit, the lines of every journal entry that was
-- written sum to zero, and there are at least two of them.
CREATE FUNCTION journal_entry_must_balance() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    total numeric;
    line_count int;
BEGIN
    SELECT coalesce(sum(amount), 0), count(*) INTO total, line_count FROM journal_line WHERE entry_id = NEW.id;
    IF line_count < 2 OR total <> 0 THEN
        RAISE EXCEPTION 'journal entry % does not balance: % lines summing to %', NEW.id, line_count, total
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER journal_entry_balanced AFTER INSERT ON journal_entry
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_must_balance();

-- The ledger is append-only: a mistake is corrected by a reversing entry, never by editing.
CREATE FUNCTION ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the ledger is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER journal_entry_append_only BEFORE UPDATE OR DELETE ON journal_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
CREATE TRIGGER journal_line_append_only BEFORE UPDATE OR DELETE ON journal_line
    FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();

-- Patient payments: the idempotency key makes a double click post once.
CREATE TABLE patient_payment (
    id               bigserial     PRIMARY KEY,
    tenant_id        text          NOT NULL,
    account_id       bigint        NOT NULL REFERENCES patient_account (id),
    idempotency_key  text          NOT NULL,
    request_hash     text          NOT NULL,  -- a repeated key with another request is refused, not applied
    amount           numeric(12,2) NOT NULL CHECK (amount > 0),
    method           text          NOT NULL CHECK (method IN ('CASH', 'CHECK', 'CARD', 'ACH', 'OTHER')),
    reference        text,
    received_on      date          NOT NULL,
    journal_entry_id bigint        NOT NULL REFERENCES journal_entry (id),
    recorded_at      timestamptz   NOT NULL DEFAULT now(),
    UNIQUE (account_id, idempotency_key)
);

CREATE TABLE statement_run (
    id          bigserial   PRIMARY KEY,
    tenant_id   text        NOT NULL,
    as_of       date        NOT NULL,
    issued      int         NOT NULL,
    skipped     int         NOT NULL,
    started_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE statement (
    id               bigserial     PRIMARY KEY,
    run_id           bigint        REFERENCES statement_run (id),
    tenant_id        text          NOT NULL,
    account_id       bigint        NOT NULL REFERENCES patient_account (id),
    statement_date   date          NOT NULL,
    due_date         date          NOT NULL,
    previous_balance numeric(12,2) NOT NULL,
    payments_since   numeric(12,2) NOT NULL,
    credit           numeric(12,2) NOT NULL,
    balance          numeric(12,2) NOT NULL CHECK (balance > 0),  -- no statement for a zero or credit balance
    minimum_due      numeric(12,2) NOT NULL CHECK (minimum_due >= 0 AND minimum_due <= balance),
    created_at       timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX statement_account ON statement (account_id, statement_date DESC);

CREATE TABLE statement_line (
    statement_id         bigint        NOT NULL REFERENCES statement (id),
    line_no              int           NOT NULL,
    claim_id             text          NOT NULL,
    encounter_id         text          NOT NULL,
    service_from         date          NOT NULL,
    service_to           date          NOT NULL,
    provider             text,
    charge               numeric(12,2) NOT NULL,
    insurance_paid       numeric(12,2) NOT NULL,
    adjustments          numeric(12,2) NOT NULL,
    deductible           numeric(12,2) NOT NULL,
    coinsurance          numeric(12,2) NOT NULL,
    copay                numeric(12,2) NOT NULL,
    other_responsibility numeric(12,2) NOT NULL,
    patient_paid         numeric(12,2) NOT NULL,
    balance              numeric(12,2) NOT NULL,
    responsible_since    date          NOT NULL,
    PRIMARY KEY (statement_id, line_no)
);

CREATE TABLE payment_plan (
    id                bigserial     PRIMARY KEY,
    tenant_id         text          NOT NULL,
    account_id        bigint        NOT NULL REFERENCES patient_account (id),
    total             numeric(12,2) NOT NULL CHECK (total > 0),
    installment_count int           NOT NULL CHECK (installment_count BETWEEN 2 AND 60),
    status            text          NOT NULL CHECK (status IN ('ACTIVE', 'COMPLETED', 'CANCELLED')),
    created_at        timestamptz   NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX payment_plan_one_active ON payment_plan (account_id) WHERE status = 'ACTIVE';

CREATE TABLE payment_plan_installment (
    plan_id  bigint        NOT NULL REFERENCES payment_plan (id),
    number   int           NOT NULL CHECK (number >= 1),
    due_date date          NOT NULL,
    amount   numeric(12,2) NOT NULL CHECK (amount > 0),
    PRIMARY KEY (plan_id, number)
);

-- A plan's installments add up to its total exactly, checked at commit.
CREATE FUNCTION payment_plan_must_add_up() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    plan_total numeric;
    installments numeric;
    installment_rows int;
BEGIN
    SELECT total, installment_count INTO plan_total, installment_rows FROM payment_plan WHERE id = NEW.id;
    IF (SELECT count(*) FROM payment_plan_installment WHERE plan_id = NEW.id) <> installment_rows THEN
        RAISE EXCEPTION 'payment plan % does not have % installments', NEW.id, installment_rows
            USING ERRCODE = 'check_violation';
    END IF;
    SELECT coalesce(sum(amount), 0) INTO installments FROM payment_plan_installment WHERE plan_id = NEW.id;
    IF installments <> plan_total THEN
        RAISE EXCEPTION 'payment plan % installments sum to %, not %', NEW.id, installments, plan_total
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER payment_plan_adds_up AFTER INSERT ON payment_plan
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION payment_plan_must_add_up();
