-- Which version of which encounter has been published, as which event: the connector's idempotency record.
-- Written in the same transaction as the outbox row (claimflow_platform.outbox), so a redelivered bundle or HL7
-- message publishes nothing twice, whatever crashed in between.
CREATE TABLE published_encounter (
    seq            bigserial   PRIMARY KEY,
    tenant_id      text        NOT NULL,
    -- fhir: Encounter resource; hl7v2: DFT^P03 message
    source         text        NOT NULL,
    -- FHIR Encounter.id / HL7 PV1-19 visit number; the event's encounterId
    encounter_id   text        NOT NULL,
    -- FHIR Encounter.meta.versionId (or a hash of the content when absent) / HL7 MSH-10 message control id
    source_version text        NOT NULL,
    event_id       uuid        NOT NULL UNIQUE,
    -- the event this one corrects (the encounter's previous publication); null for the first
    causation_id   uuid,
    published_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT published_encounter_version UNIQUE (tenant_id, source, encounter_id, source_version)
);

CREATE INDEX published_encounter_latest ON published_encounter (tenant_id, encounter_id, seq DESC);
