-- #22: the EncounterCoded a claim was built from, kept as Avro single-object bytes (schemas StoredRecords: the writer
-- schema's fingerprint, then Avro binary) instead of JSON text, so storing and reading it back for ClaimSubmitted
-- is no JSON round trip per event. Rows stored before keep their JSON in encounter_snapshot; the adapter reads
-- either (encounter_coded when set, else the JSON), so no row has to be converted.
ALTER TABLE claim ADD COLUMN encounter_coded bytea;
ALTER TABLE claim ALTER COLUMN encounter_snapshot SET DEFAULT '';
COMMENT ON COLUMN claim.encounter_snapshot IS 'the EncounterCoded as JSON, for rows stored before encounter_coded';
COMMENT ON COLUMN claim.encounter_coded IS 'the EncounterCoded as Avro single-object bytes (schemas StoredRecords)';
