-- A later payer's claim (secondary, tertiary) whose ClaimSubmitted arrived before any primary claim of its visit was
-- known here: it has no visit ledger to post on yet. Its payers' answers wait in awaiting_claim until a primary claim
-- of the encounter registers and links it (ledger_claim_id), instead of posting on a ledger of its own.
ALTER TABLE claim ADD COLUMN awaiting_primary_claim boolean NOT NULL DEFAULT false;
