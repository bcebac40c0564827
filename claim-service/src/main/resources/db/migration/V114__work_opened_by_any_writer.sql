-- V113's claim.work_opened is what lets a payment skip the work item lookup; it was set only by claim-service's own
-- work item insert. Any other writer (an instance still on the code before V113 during a rolling deploy, a fix by
-- hand, a bulk load) left it false, and the payment that closed the claim left that work item open. The database now
-- keeps it for every insert: a row trigger marks the claim (work items are few: one per denial, hold or aged balance,
-- not one per event, so the extra update costs nothing per encounter).
CREATE FUNCTION work_item_marks_claim() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE claim SET work_opened = true WHERE claim_id = NEW.claim_id AND NOT work_opened;
    RETURN NULL;
END $$;

CREATE TRIGGER work_item_marks_claim AFTER INSERT ON work_item
    FOR EACH ROW EXECUTE FUNCTION work_item_marks_claim();

UPDATE claim c SET work_opened = true
WHERE NOT work_opened AND EXISTS (SELECT 1 FROM work_item w WHERE w.claim_id = c.claim_id AND w.resolved_at IS NULL);
