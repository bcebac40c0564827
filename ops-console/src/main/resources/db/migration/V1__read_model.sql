-- The console's read model: built only from the events on the topics, never from the services' databases.
-- It keeps ids, codes and money; no patient names, birth dates, member ids, addresses or note text.

-- One row per event, in the order of occurrence: the encounter's timeline.
CREATE TABLE timeline_event (
    event_id               text PRIMARY KEY,
    topic                  text NOT NULL,
    kind                   text NOT NULL,
    encounter_id           text NOT NULL,
    claim_id               text,
    tenant_id              text NOT NULL,
    occurred_at            timestamptz NOT NULL,
    summary                text NOT NULL,
    coding_version         integer,
    frequency              text,
    denial_stage           text,
    denial_category        text,
    carcs                  text,
    payer_id               text,
    charge_amount          numeric(12, 2),
    paid_amount            numeric(12, 2),
    patient_responsibility numeric(12, 2),
    contractual_adjustment numeric(12, 2)
);
CREATE INDEX timeline_event_encounter ON timeline_event (encounter_id, occurred_at);
CREATE INDEX timeline_event_claim ON timeline_event (claim_id);

-- One row per encounter.
CREATE TABLE encounter (
    encounter_id    text PRIMARY KEY,
    tenant_id       text NOT NULL,
    date_of_service date,
    documented_at   timestamptz,
    coding_version  integer,
    first_paid_at   timestamptz
);

-- One row per claim: its current state and money.
CREATE TABLE claim (
    claim_id               text PRIMARY KEY,
    encounter_id           text NOT NULL,
    tenant_id              text NOT NULL,
    patient_control_number text,
    payer_id               text NOT NULL,
    payer_name             text NOT NULL,
    frequency              text NOT NULL,
    replaced_claim_id      text,
    coding_version         integer NOT NULL,
    state                  text NOT NULL,
    submitted_at           timestamptz NOT NULL,
    date_of_service        date,
    total_charge           numeric(12, 2) NOT NULL,
    paid_amount            numeric(12, 2) NOT NULL DEFAULT 0,
    patient_responsibility numeric(12, 2) NOT NULL DEFAULT 0,
    contractual_adjustment numeric(12, 2) NOT NULL DEFAULT 0,
    denial_count           integer NOT NULL DEFAULT 0,
    front_end_rejected     boolean NOT NULL DEFAULT false,
    last_denial_category   text,
    last_denial_carcs      text,
    first_answer_at        timestamptz,
    last_paid_at           timestamptz
);
CREATE INDEX claim_encounter ON claim (encounter_id);
CREATE INDEX claim_submitted ON claim (submitted_at);

-- Events per topic per minute (of the event's occurrence), for the pipeline page.
CREATE TABLE topic_minute (
    topic  text NOT NULL,
    minute timestamptz NOT NULL,
    events integer NOT NULL,
    PRIMARY KEY (topic, minute)
);
