-- coding-service's own history of professional services, one row per coded (or held) encounter: what decides new or
-- established patient when the EHR does not say (CPT: no professional service from the same physician, or another of
-- the same specialty in the same group, within the past three years), and whether a postoperative visit falls inside
-- a surgery's global period. patient_id is the EHR's MRN within the tenant: an identifier, never logged.
CREATE TABLE professional_service (
    encounter_id        text        PRIMARY KEY,
    tenant_id           text        NOT NULL,
    patient_id          text        NOT NULL,
    date_of_service     date        NOT NULL,
    rendering_npi       text,
    group_npi           text        NOT NULL,
    taxonomy            text,
    -- what the coding used: documented by the EHR, or decided from this table (status_from_history)
    patient_status      text        NOT NULL CHECK (patient_status IN ('NEW', 'ESTABLISHED', 'UNKNOWN')),
    status_from_history boolean     NOT NULL,
    -- the CPT/HCPCS codes of the coding (or of the suggestion when held)
    procedure_codes     text[]      NOT NULL,
    prior_surgery       text,
    prior_surgery_date  date,
    recorded_at         timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX professional_service_patient ON professional_service (tenant_id, patient_id, date_of_service);
