-- Transactional outbox (design guide, section 7): a service inserts its events here in the same transaction as its
-- own changes; OutboxRelay sends them to Kafka afterwards and sets published_at.
-- payload holds the record value exactly as it goes on the wire (Confluent format: magic byte, schema id, Avro).
CREATE TABLE outbox (
    id           uuid        PRIMARY KEY,
    seq          bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    topic        text        NOT NULL,
    key          text,
    payload      bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);

-- The relay reads unpublished rows in insertion order; this index stays as small as the backlog.
CREATE INDEX outbox_unpublished_idx ON outbox (seq) WHERE published_at IS NULL;
CREATE INDEX outbox_published_at_idx ON outbox (published_at) WHERE published_at IS NOT NULL;
