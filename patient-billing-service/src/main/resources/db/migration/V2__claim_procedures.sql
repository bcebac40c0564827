-- The procedure codes a claim billed (from ClaimSubmitted's service lines, in line order), printed per visit on
-- statements. Claims registered before this column existed show none.
ALTER TABLE claim ADD COLUMN procedure_codes text[] NOT NULL DEFAULT '{}';
