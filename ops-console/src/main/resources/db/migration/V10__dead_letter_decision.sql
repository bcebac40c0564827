-- What an operator decided about a dead letter in the console: replayed, or discarded with a note. Dead-letter topics
-- are append-only, so a discard is recorded here (and in the audit trail) and the console hides the letter.
-- letter = '<dead-letter topic>/<partition>/<offset>'. Ids and the operator's note only.
CREATE TABLE dead_letter_decision (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    letter     text        NOT NULL,
    service    text        NOT NULL,
    decision   text        NOT NULL CHECK (decision IN ('REPLAYED', 'DISCARDED')),
    note       text        CHECK (note IS NULL OR length(note) <= 2000),
    decided_by text        NOT NULL,
    decided_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX dead_letter_decision_letter_idx ON dead_letter_decision (letter, decided_at);
