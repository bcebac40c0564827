-- Lists and searches paged by the database: ids found by their start (LIKE 'prefix%' in any collation), encounters
-- newest documented first and by date of service, the payers and tenants the pages offer as choices.
CREATE INDEX encounter_id_prefix ON encounter (encounter_id text_pattern_ops);
CREATE INDEX encounter_documented ON encounter (documented_at DESC);
CREATE INDEX encounter_date_of_service ON encounter (date_of_service);
CREATE INDEX encounter_tenant ON encounter (tenant_id);
CREATE INDEX claim_id_prefix ON claim (claim_id text_pattern_ops);
CREATE INDEX claim_pcn_prefix ON claim (patient_control_number text_pattern_ops);
CREATE INDEX claim_payer ON claim (payer_id, payer_name);
CREATE INDEX claim_encounter_submitted ON claim (encounter_id, submitted_at DESC);
