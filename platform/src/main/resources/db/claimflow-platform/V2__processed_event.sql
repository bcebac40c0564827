-- Consumer idempotency: one row per (consumer, event) handled; inserted in the handler's own transaction.
CREATE TABLE processed_event (
    consumer_id  text        NOT NULL,
    event_id     uuid        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_id, event_id)
);

CREATE INDEX processed_event_processed_at_idx ON processed_event (processed_at);
