-- adjudication-gateway: claims queued for payers, interchanges sent and received (raw files kept), a claim's X12
-- history, posted remittances and quarantined files.

-- Control numbers: unique per direction out of this gateway, never reused (NO CYCLE).
CREATE SEQUENCE isa_control_number_seq MINVALUE 1 MAXVALUE 999999999 NO CYCLE;
CREATE SEQUENCE gs_control_number_seq MINVALUE 1 MAXVALUE 999999999 NO CYCLE;
CREATE SEQUENCE st_control_number_seq MINVALUE 1 MAXVALUE 999999999 NO CYCLE;

CREATE TABLE interchange (
    id                 bigserial PRIMARY KEY,
    direction          text        NOT NULL CHECK (direction IN ('OUT', 'IN')),
    transaction_type   text        NOT NULL,
    payer_id           text,
    sender_id          text,
    receiver_id        text,
    isa_control_number bigint,
    gs_control_number  bigint,
    status             text        NOT NULL,
    source             text        NOT NULL,
    claim_count        int         NOT NULL DEFAULT 0,
    attempts           int         NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz,
    last_error         text,
    sha256             text        NOT NULL,
    raw                bytea       NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    sent_at            timestamptz,
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX interchange_out_isa ON interchange (isa_control_number) WHERE direction = 'OUT';
CREATE UNIQUE INDEX interchange_out_gs ON interchange (gs_control_number) WHERE direction = 'OUT';
CREATE INDEX interchange_send_queue ON interchange (next_attempt_at) WHERE direction = 'OUT' AND status = 'QUEUED';
CREATE INDEX interchange_in_sha ON interchange (sha256) WHERE direction = 'IN';

CREATE TABLE outbound_claim (
    claim_id               text PRIMARY KEY,
    encounter_id           text          NOT NULL,
    tenant_id              text          NOT NULL,
    submitted_event_id     text          NOT NULL,
    patient_control_number text          NOT NULL,
    payer_id               text          NOT NULL,
    payer_name             text          NOT NULL,
    total_charge           numeric(12,2) NOT NULL,
    claim_json             jsonb         NOT NULL,
    status                 text          NOT NULL,
    interchange_id         bigint REFERENCES interchange (id),
    st_control_number      bigint UNIQUE,
    payer_claim_number     text,
    queued_at              timestamptz   NOT NULL DEFAULT now(),
    updated_at             timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX outbound_claim_queue ON outbound_claim (payer_id, queued_at) WHERE status = 'QUEUED';
CREATE INDEX outbound_claim_pcn ON outbound_claim (patient_control_number);

CREATE TABLE claim_x12_event (
    id               bigserial PRIMARY KEY,
    claim_id         text        NOT NULL,
    interchange_id   bigint      NOT NULL REFERENCES interchange (id),
    transaction_type text        NOT NULL,
    outcome          text        NOT NULL,
    detail           text,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX claim_x12_event_claim ON claim_x12_event (claim_id, id);

CREATE TABLE remittance (
    id                 bigserial PRIMARY KEY,
    payer_key          text          NOT NULL,
    trace_number       text          NOT NULL,
    interchange_id     bigint        NOT NULL REFERENCES interchange (id),
    payment_amount     numeric(12,2) NOT NULL,
    payment_method     text          NOT NULL,
    payment_date       date,
    claim_count        int           NOT NULL,
    posted_at          timestamptz   NOT NULL DEFAULT now(),
    UNIQUE (payer_key, trace_number)
);

CREATE TABLE remittance_claim (
    id                     bigserial PRIMARY KEY,
    remittance_id          bigint        NOT NULL REFERENCES remittance (id),
    claim_id               text,
    patient_control_number text          NOT NULL,
    payer_claim_number     text,
    status_code            text          NOT NULL,
    charge_amount          numeric(12,2) NOT NULL,
    paid_amount            numeric(12,2) NOT NULL,
    patient_responsibility numeric(12,2) NOT NULL,
    outcome                text          NOT NULL
);
CREATE INDEX remittance_claim_unmatched ON remittance_claim (remittance_id) WHERE claim_id IS NULL;

CREATE TABLE quarantined_file (
    id             bigserial PRIMARY KEY,
    interchange_id bigint      NOT NULL REFERENCES interchange (id),
    reason         text        NOT NULL,
    status         text        NOT NULL DEFAULT 'QUARANTINED',
    quarantined_at timestamptz NOT NULL DEFAULT now(),
    resolved_at    timestamptz
);
