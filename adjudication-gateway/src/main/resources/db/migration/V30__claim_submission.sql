-- Issue 15, item 1: a claim is sent again when it is released again (a new ClaimSubmitted event for the same claim
-- id: corrected after a front-end rejection, or a replacement / void). outbound_claim keeps the claim's current
-- submission; claim_submission keeps every submission, one per ClaimSubmitted event (a redelivered event is the
-- same submission and is never sent twice).
CREATE TABLE claim_submission (
    id                 bigserial PRIMARY KEY,
    claim_id           text          NOT NULL REFERENCES outbound_claim (claim_id),
    submitted_event_id text          NOT NULL UNIQUE,
    frequency          text          NOT NULL,
    total_charge       numeric(12,2) NOT NULL,
    -- the claim's status when this submission arrived (null for the first one)
    previous_status    text,
    interchange_id     bigint REFERENCES interchange (id),
    st_control_number  bigint UNIQUE,
    queued_at          timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX claim_submission_claim ON claim_submission (claim_id, id);

INSERT INTO claim_submission (claim_id, submitted_event_id, frequency, total_charge, interchange_id,
        st_control_number, queued_at)
SELECT claim_id, submitted_event_id, coalesce(claim_json ->> 'frequency', 'ORIGINAL'), total_charge, interchange_id,
       st_control_number, queued_at
FROM outbound_claim;

ALTER TABLE outbound_claim ADD COLUMN submissions int NOT NULL DEFAULT 1;
