-- Payers' answers (PaymentPosted, ClaimDenied) that arrived before the ClaimSubmitted that tells which patient
-- account the claim bills. Partitions are consumed independently, so after a restart or a lagging consumer an
-- answer can overtake its claim; it waits here and is posted in the same transaction that registers the claim.
CREATE TABLE awaiting_claim (
    id         bigserial   PRIMARY KEY,
    tenant_id  text        NOT NULL,
    claim_id   text        NOT NULL,
    event_id   text        NOT NULL,
    kind       text        NOT NULL CHECK (kind IN ('PAYMENT_POSTED', 'CLAIM_DENIED')),
    payload    bytea       NOT NULL,  -- the event in Avro single-object encoding (schema fingerprint + binary)
    parked_at  timestamptz NOT NULL DEFAULT now(),
    -- set when the claim arrived but the posting rules refused the answer (e.g. a reversal of nothing): kept, with
    -- the reason, for someone to look at, instead of failing the claim's registration
    refused_reason text,
    UNIQUE (kind, event_id)
);
CREATE INDEX awaiting_claim_by_claim ON awaiting_claim (tenant_id, claim_id, id);
