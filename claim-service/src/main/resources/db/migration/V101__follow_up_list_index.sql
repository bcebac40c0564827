-- Issue 21: the follow-up and timely-filing list computed by the database (GET /work-lists/follow-up), 100,000 claims.
-- Its candidates are the current claims waiting for the payer or not yet sent: a partial index of them holding every
-- column the list computes with (payer for its days, date of service for the deadline, when it was sent), so they are
-- read by an index-only scan, and by payer when the list is filtered by payer.
CREATE INDEX claim_follow_up_idx ON claim (payer_id, status, date_of_service, submitted_at, created_at, claim_id)
    WHERE is_current
        AND status IN ('SUBMITTED', 'ACKNOWLEDGED', 'APPEALED', 'CROSSED_OVER', 'CREATED', 'HELD', 'REJECTED');
-- a claim's last follow-up note (whether it puts the claim off)
CREATE INDEX claim_follow_up_note_idx ON claim_follow_up (claim_id, id DESC);
