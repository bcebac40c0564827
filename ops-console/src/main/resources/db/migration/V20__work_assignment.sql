-- Who works which claim of a work list (issue 21 item 6): taken by a biller or assigned by someone, done when the
-- claim left the list. Ids and user names only. One open assignment per claim.
CREATE TABLE work_assignment (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    claim_id    text        NOT NULL,
    assignee    text        NOT NULL,
    assigned_by text        NOT NULL,
    assigned_at timestamptz NOT NULL DEFAULT now(),
    done_at     timestamptz,
    -- closed because someone else took the claim over: not counted as done work
    handed_on   boolean     NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX work_assignment_open ON work_assignment (claim_id) WHERE done_at IS NULL;
CREATE INDEX work_assignment_assignee ON work_assignment (assignee, done_at);
