-- Coordination of benefits (issue 20): a visit with two or three payers has one claim per payer. The secondary
-- (tertiary) claim is its own claim, linked to the claim of the payer before it, and carries every earlier payer's
-- adjudication (837P loops 2320/2330B/2430), stored here from that payer's PaymentPosted.

-- 1 primary, 2 secondary, 3 tertiary: the claim's place in the visit's payment order
ALTER TABLE claim ADD COLUMN payer_sequence int NOT NULL DEFAULT 1 CHECK (payer_sequence BETWEEN 1 AND 3);
-- the claim of the payer before this one (null on a primary claim)
ALTER TABLE claim ADD COLUMN prior_payer_claim_id text REFERENCES claim (claim_id);
CREATE INDEX claim_prior_payer_idx ON claim (prior_payer_claim_id) WHERE prior_payer_claim_id IS NOT NULL;

-- the invariant becomes: every encounter has exactly one current claim per payer in its payment order
DROP INDEX claim_one_current_per_encounter;
CREATE UNIQUE INDEX claim_one_current_per_encounter_and_payer ON claim (encounter_id, payer_sequence) WHERE is_current;

-- an earlier payer's adjudication carried by a claim (loop 2320 with 2330B), in payment order (position 1 first)
CREATE TABLE claim_prior_adjudication (
    claim_id                    text           NOT NULL REFERENCES claim (claim_id),
    position                    int            NOT NULL CHECK (position BETWEEN 1 AND 2),
    responsibility              text           NOT NULL CHECK (responsibility IN ('PRIMARY', 'SECONDARY')),
    payer_id                    text           NOT NULL,
    payer_name                  text           NOT NULL,
    payer_claim_number          text           NOT NULL,
    adjudication_date           date           NOT NULL,
    paid_amount                 numeric(12, 2) NOT NULL,
    remaining_patient_liability numeric(12, 2) NOT NULL,
    -- the claim that payer adjudicated and the PaymentPosted it came from
    source_claim_id             text           NOT NULL REFERENCES claim (claim_id),
    source_event_id             text           NOT NULL,
    PRIMARY KEY (claim_id, position)
);

-- that payer's line adjudication (loop 2430: SVD, DTP*573)
CREATE TABLE claim_prior_line (
    claim_id       text           NOT NULL,
    position       int            NOT NULL,
    line_number    int            NOT NULL,
    procedure_code text           NOT NULL,
    modifiers      text           NOT NULL, -- comma-separated
    units          int            NOT NULL,
    charge_amount  numeric(12, 2) NOT NULL,
    allowed_amount numeric(12, 2),
    paid_amount    numeric(12, 2) NOT NULL,
    remark_codes   text           NOT NULL, -- comma-separated
    PRIMARY KEY (claim_id, position, line_number),
    FOREIGN KEY (claim_id, position) REFERENCES claim_prior_adjudication (claim_id, position)
);

-- its adjustments (CAS): claim level (line_number null, loop 2320) or per line (loop 2430)
CREATE TABLE claim_prior_adjustment (
    id          bigserial PRIMARY KEY,
    claim_id    text           NOT NULL,
    position    int            NOT NULL,
    line_number int,
    group_code  text           NOT NULL,
    reason_code text           NOT NULL,
    amount      numeric(12, 2) NOT NULL,
    FOREIGN KEY (claim_id, position) REFERENCES claim_prior_adjudication (claim_id, position)
);
CREATE INDEX claim_prior_adjustment_claim_idx ON claim_prior_adjustment (claim_id, position);

-- what a later payer's remittance adjusted for the earlier payers' adjudication (CARC 23): part of the claim's
-- adjustments (its own balance closes) but not a second adjustment of the visit's dollars
ALTER TABLE claim_payment ADD COLUMN prior_payer_amount numeric(12, 2) NOT NULL DEFAULT 0;
