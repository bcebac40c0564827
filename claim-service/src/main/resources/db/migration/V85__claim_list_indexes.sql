-- Claim lists paged by the database: a claim found by the start of its number (LIKE 'prefix%' in any collation),
-- the newest first, and the held list by payer and age.
CREATE INDEX claim_id_prefix_idx ON claim (claim_id text_pattern_ops);
CREATE INDEX claim_created_idx ON claim (created_at DESC, claim_id);
CREATE INDEX claim_scrub_finding_open_rule_idx ON claim_scrub_finding (rule_id, claim_id) WHERE resolved_at IS NULL;
