-- Encounters as documented, their coding versions and the coder work queue.

CREATE TABLE encounter (
    encounter_id        text        PRIMARY KEY,
    tenant_id           text        NOT NULL,
    date_of_service     date        NOT NULL,
    documented_event_id uuid        NOT NULL,
    -- the EncounterDocumented event as plain JSON (protected health information: never logged)
    documentation       jsonb       NOT NULL,
    status              text        NOT NULL CHECK (status IN ('CODED', 'HELD')),
    current_version     integer     NOT NULL DEFAULT 0,
    recode_attempts     integer     NOT NULL DEFAULT 0,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);

-- One row per EncounterCoded emitted; (encounter_id, version) is what makes a redelivery unable to add a version.
CREATE TABLE coding_version (
    encounter_id   text        NOT NULL REFERENCES encounter (encounter_id),
    version        integer     NOT NULL CHECK (version >= 1),
    event_id       uuid        NOT NULL UNIQUE,
    causation_id   text        NOT NULL,
    method         text        NOT NULL CHECK (method IN ('AUTOMATIC', 'CODER')),
    coder_id       text,
    -- the EncounterCoded event as plain JSON
    coded          jsonb       NOT NULL,
    coded_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (encounter_id, version)
);

CREATE TABLE coder_queue_item (
    id              bigserial   PRIMARY KEY,
    encounter_id    text        NOT NULL REFERENCES encounter (encounter_id),
    tenant_id       text        NOT NULL,
    date_of_service date        NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('INITIAL', 'RECODE')),
    status          text        NOT NULL CHECK (status IN ('OPEN', 'FINALIZED')),
    causation_id    text        NOT NULL,
    -- why it was held: [{"code": ..., "message": ...}], no patient data
    hold_reasons    jsonb       NOT NULL,
    -- the rules' best attempt, for the coder to start from: {"diagnoses": [...], "lines": [...], "edits": [...]}
    suggestion      jsonb       NOT NULL,
    -- for a recode: {"claimId", "previousCodingVersion", "attempt", "reason": DenialReason JSON}
    recode_cause    jsonb,
    created_at      timestamptz NOT NULL DEFAULT now(),
    finalized_at    timestamptz,
    finalized_by    text,
    coding_version  integer
);
-- at most one open item per encounter
CREATE UNIQUE INDEX coder_queue_item_open ON coder_queue_item (encounter_id) WHERE status = 'OPEN';
CREATE INDEX coder_queue_item_listing ON coder_queue_item (status, created_at, id);
