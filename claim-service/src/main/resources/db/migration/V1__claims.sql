-- claim-service's own tables (schema public). The outbox and idempotency marks live in claimflow_platform.

CREATE SEQUENCE claim_number_seq;

-- One row per claim the service built. An encounter can have several claims over its life (original, corrected,
-- void), but exactly one of them is current.
CREATE TABLE claim (
    claim_id                   text PRIMARY KEY,
    encounter_id               text        NOT NULL,
    tenant_id                  text        NOT NULL,
    coding_version             int         NOT NULL CHECK (coding_version >= 1),
    frequency                  text        NOT NULL CHECK (frequency IN ('ORIGINAL', 'REPLACEMENT', 'VOID')),
    status                     text        NOT NULL,
    is_current                 boolean     NOT NULL,
    patient_control_number     text        NOT NULL UNIQUE CHECK (length(patient_control_number) <= 20),
    replaced_claim_id          text REFERENCES claim (claim_id),
    replaced_payer_claim_number text,
    payer_claim_number         text,
    date_of_service            date        NOT NULL,
    place_of_service           text        NOT NULL,
    prior_authorization_number text,
    patient_mrn                text        NOT NULL,
    payer_id                   text,
    payer_name                 text,
    member_id                  text,
    subscriber_relationship    text,
    billing_npi                text,
    billing_tax_id             text,
    billing_tax_id_type        text,
    billing_has_address        boolean     NOT NULL,
    rendering_npi              text,
    referring_npi              text,
    total_charge               numeric(12, 2) NOT NULL,
    paid_amount                numeric(12, 2) NOT NULL DEFAULT 0,
    patient_responsibility     numeric(12, 2) NOT NULL DEFAULT 0,
    adjusted_amount            numeric(12, 2) NOT NULL DEFAULT 0,
    service_key                text        NOT NULL,
    source_event_id            text        NOT NULL,
    -- the EncounterCoded the claim was built from (Avro JSON): the parties and codes ClaimSubmitted repeats
    encounter_snapshot         text        NOT NULL,
    created_at                 timestamptz NOT NULL,
    submitted_at               timestamptz,
    updated_at                 timestamptz NOT NULL
);

-- the invariant: every encounter has exactly one current claim
CREATE UNIQUE INDEX claim_one_current_per_encounter ON claim (encounter_id) WHERE is_current;
CREATE INDEX claim_status_idx ON claim (status, payer_id, date_of_service);
CREATE INDEX claim_duplicate_idx ON claim (tenant_id, patient_mrn, date_of_service) WHERE is_current;

CREATE TABLE claim_diagnosis (
    claim_id    text NOT NULL REFERENCES claim (claim_id),
    position    int  NOT NULL CHECK (position BETWEEN 1 AND 12),
    code        text NOT NULL,
    description text,
    PRIMARY KEY (claim_id, position)
);

CREATE TABLE claim_line (
    claim_id                 text   NOT NULL REFERENCES claim (claim_id),
    line_number              int    NOT NULL CHECK (line_number >= 1),
    line_item_control_number text   NOT NULL,
    procedure_code           text   NOT NULL,
    modifiers                text   NOT NULL, -- comma-separated, billing order
    units                    int    NOT NULL,
    diagnosis_pointers       text   NOT NULL, -- comma-separated 1-based positions
    date_of_service          date   NOT NULL,
    place_of_service         text,
    unit_price               numeric(12, 2),
    charge                   numeric(12, 2),
    PRIMARY KEY (claim_id, line_number)
);

-- every change of a claim's status, with who or what made it and why
CREATE TABLE claim_status_history (
    id              bigserial PRIMARY KEY,
    claim_id        text        NOT NULL REFERENCES claim (claim_id),
    from_status     text,
    to_status       text        NOT NULL,
    changed_at      timestamptz NOT NULL,
    actor_kind      text        NOT NULL CHECK (actor_kind IN ('SYSTEM', 'RULE', 'USER', 'PAYER')),
    actor_id        text        NOT NULL,
    reason          text,
    cause_event_id  text
);
CREATE INDEX claim_status_history_claim_idx ON claim_status_history (claim_id, id);

-- scrubber findings; the open ones are why a claim is held
CREATE TABLE claim_scrub_finding (
    id          bigserial PRIMARY KEY,
    claim_id    text        NOT NULL REFERENCES claim (claim_id),
    rule_id     text        NOT NULL,
    message     text        NOT NULL,
    line_number int,
    found_at    timestamptz NOT NULL,
    resolved_at timestamptz
);
CREATE INDEX claim_scrub_finding_open_idx ON claim_scrub_finding (claim_id) WHERE resolved_at IS NULL;

-- chargemaster: price per procedure and modifier ('' = none), per tenant ('*' = every tenant), effective-dated
CREATE TABLE fee_schedule (
    id             bigserial PRIMARY KEY,
    tenant_id      text           NOT NULL DEFAULT '*',
    procedure_code text           NOT NULL,
    modifier       text           NOT NULL DEFAULT '',
    effective_from date           NOT NULL,
    effective_to   date,
    amount         numeric(12, 2) NOT NULL CHECK (amount >= 0),
    description    text,
    updated_by     text           NOT NULL,
    updated_at     timestamptz    NOT NULL DEFAULT now(),
    CHECK (effective_to IS NULL OR effective_to >= effective_from),
    UNIQUE (tenant_id, procedure_code, modifier, effective_from)
);

-- billers' notes on chasing an unpaid claim; next_follow_up hides the claim from the work list until then
CREATE TABLE claim_follow_up (
    id             bigserial PRIMARY KEY,
    claim_id       text        NOT NULL REFERENCES claim (claim_id),
    note           text        NOT NULL,
    next_follow_up date,
    created_by     text        NOT NULL,
    created_at     timestamptz NOT NULL
);

-- recode requests sent to coding for an encounter; attempts are capped
CREATE TABLE recode_attempt (
    id                 bigserial PRIMARY KEY,
    encounter_id       text        NOT NULL,
    claim_id           text        NOT NULL REFERENCES claim (claim_id),
    attempt            int         NOT NULL,
    coding_version     int         NOT NULL,
    denial_event_id    text        NOT NULL,
    requested_by       text        NOT NULL,
    requested_at       timestamptz NOT NULL,
    resulting_claim_id text REFERENCES claim (claim_id),
    UNIQUE (encounter_id, attempt)
);

-- billers' work lists: denials by category, rejections to fix, appeals, recode limit reached, recoded while pending
CREATE TABLE work_item (
    id          bigserial PRIMARY KEY,
    claim_id    text        NOT NULL REFERENCES claim (claim_id),
    queue       text        NOT NULL,
    category    text        NOT NULL,
    reasons     text        NOT NULL,
    cause_event_id text,
    created_at  timestamptz NOT NULL,
    resolved_at timestamptz,
    resolved_by text
);
CREATE INDEX work_item_open_idx ON work_item (queue, created_at) WHERE resolved_at IS NULL;

CREATE TABLE appeal (
    id         bigserial PRIMARY KEY,
    claim_id   text        NOT NULL REFERENCES claim (claim_id),
    notes      text        NOT NULL,
    status     text        NOT NULL,
    filed_by   text        NOT NULL,
    filed_at   timestamptz NOT NULL
);

-- remittances posted to a claim; one per payer, trace number and claim status, so a repeated ERA posts nothing
CREATE TABLE claim_payment (
    id                   bigserial PRIMARY KEY,
    claim_id             text           NOT NULL REFERENCES claim (claim_id),
    event_id             text           NOT NULL,
    payer_id             text           NOT NULL,
    trace_number         text           NOT NULL,
    claim_status_code    text           NOT NULL,
    payer_claim_number   text           NOT NULL,
    payment_date         date           NOT NULL,
    charge_amount        numeric(12, 2) NOT NULL,
    paid_amount          numeric(12, 2) NOT NULL,
    patient_responsibility numeric(12, 2) NOT NULL,
    adjusted_amount      numeric(12, 2) NOT NULL,
    denied_amount        numeric(12, 2) NOT NULL,
    posted_at            timestamptz    NOT NULL,
    UNIQUE (claim_id, payer_id, trace_number, claim_status_code)
);
