-- Organizations, Practitioners, PractitionerRoles and Locations received in bundles of their own (a provider
-- directory export, Synthea's hospitalInformation and practitionerInformation files), one row per business
-- identifier: what a later patient bundle's conditional reference (Organization?identifier=system|value) resolves to.
-- Provider data, no patient data. A resource received again replaces the earlier one.
CREATE TABLE directory_resource (
    tenant_id         text        NOT NULL,
    resource_type     text        NOT NULL,
    identifier_system text        NOT NULL,
    identifier_value  text        NOT NULL,
    -- the resource as FHIR R4 JSON
    resource          text        NOT NULL,
    received_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, resource_type, identifier_system, identifier_value)
);
