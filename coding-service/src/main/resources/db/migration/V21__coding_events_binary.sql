-- #22: the EncounterDocumented an encounter was documented with and the EncounterCoded of each coding version are
-- kept as Avro single-object bytes (schemas StoredRecords: the writer schema's fingerprint, then Avro binary) rather
-- than jsonb, so storing an event and reading it back for the next one is no JSON round trip per event. Rows stored
-- before keep their JSON; the adapters read either (the bytes when set, else the JSON), so no row is converted.
ALTER TABLE encounter ADD COLUMN documented bytea;
ALTER TABLE encounter ALTER COLUMN documentation DROP NOT NULL;
ALTER TABLE encounter ADD CONSTRAINT encounter_documentation_kept
    CHECK (documented IS NOT NULL OR documentation IS NOT NULL);
COMMENT ON COLUMN encounter.documented IS 'the EncounterDocumented as Avro single-object bytes (schemas StoredRecords)';
COMMENT ON COLUMN encounter.documentation IS 'the EncounterDocumented as JSON, for rows stored before documented';

ALTER TABLE coding_version ADD COLUMN coded_event bytea;
ALTER TABLE coding_version ALTER COLUMN coded DROP NOT NULL;
ALTER TABLE coding_version ADD CONSTRAINT coding_version_event_kept CHECK (coded_event IS NOT NULL OR coded IS NOT NULL);
COMMENT ON COLUMN coding_version.coded_event IS 'the EncounterCoded as Avro single-object bytes (schemas StoredRecords)';
COMMENT ON COLUMN coding_version.coded IS 'the EncounterCoded as JSON, for rows stored before coded_event';
