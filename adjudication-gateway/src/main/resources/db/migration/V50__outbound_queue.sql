-- Issue 22: the send queue was a partial index of outbound_claim (WHERE status = 'QUEUED'). Naming status in an index
-- made every status change a full copy of the row with an entry in each of the table's seven indexes (PostgreSQL
-- updates a row in place, "HOT", only when no indexed column changes): five times a claim, of which three change
-- nothing but the status (SENT, ACKNOWLEDGED by the 999, PAID or DENIED by the 835). The queue is now a small table
-- of its own, a row per claim while its status is QUEUED, kept so by a trigger whatever statement changes the status:
-- in when a claim is taken in, resubmitted or requeued, out when it is batched (or leaves QUEUED any other way).
DROP INDEX outbound_claim_queue;

CREATE TABLE outbound_queue (
    claim_id  text        PRIMARY KEY,
    payer_id  text        NOT NULL,
    queued_at timestamptz NOT NULL
);
CREATE INDEX outbound_queue_order ON outbound_queue (payer_id, queued_at, claim_id);

INSERT INTO outbound_queue (claim_id, payer_id, queued_at)
SELECT claim_id, payer_id, queued_at FROM outbound_claim WHERE status = 'QUEUED';

CREATE FUNCTION outbound_queue_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM outbound_queue WHERE claim_id = OLD.claim_id;
    ELSIF NEW.status = 'QUEUED' THEN
        INSERT INTO outbound_queue (claim_id, payer_id, queued_at) VALUES (NEW.claim_id, NEW.payer_id, NEW.queued_at)
        ON CONFLICT (claim_id) DO UPDATE SET payer_id = EXCLUDED.payer_id, queued_at = EXCLUDED.queued_at;
    ELSE
        DELETE FROM outbound_queue WHERE claim_id = NEW.claim_id;
    END IF;
    RETURN NULL;
END $$;

-- called only for the rows that enter, leave or move in the queue (the WHEN conditions cost no function call)
CREATE TRIGGER outbound_queue_on_insert AFTER INSERT ON outbound_claim
    FOR EACH ROW WHEN (NEW.status = 'QUEUED') EXECUTE FUNCTION outbound_queue_follow();
CREATE TRIGGER outbound_queue_on_update AFTER UPDATE ON outbound_claim
    FOR EACH ROW WHEN ((OLD.status = 'QUEUED' OR NEW.status = 'QUEUED')
        AND (OLD.status, OLD.payer_id, OLD.queued_at) IS DISTINCT FROM (NEW.status, NEW.payer_id, NEW.queued_at))
    EXECUTE FUNCTION outbound_queue_follow();
CREATE TRIGGER outbound_queue_on_delete AFTER DELETE ON outbound_claim
    FOR EACH ROW WHEN (OLD.status = 'QUEUED') EXECUTE FUNCTION outbound_queue_follow();

-- A change of status alone copies the row (on its page when HOT). The claim itself (claim_json, about 1.4 KB of the
-- row's 1.6) never changes after it is taken in, so it is moved to the table's TOAST storage, which an update keeps
-- as it is: the row left is about 200 bytes, and every status change copies and logs that much. 70% of each page is
-- left free for the rows' next versions: a batch's claims change status together, in one statement, and twice in
-- the transaction that sends their file and stores its 999 (SENT, then ACKNOWLEDGED), so each page needs room for two
-- new versions of all of its rows at once (a version is reclaimed only after its transaction ends). With half of the
-- page free the 999's change found no room: 36% of the updates were HOT.
ALTER TABLE outbound_claim SET (toast_tuple_target = 256, fillfactor = 30);
