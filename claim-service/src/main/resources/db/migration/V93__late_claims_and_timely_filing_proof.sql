-- a claim filed after the payer's timely-filing limit: the biller's delay reason (837P CLM20, billing-codes
-- DelayReason) and the note to the payer with the proof of timely filing (NTE*ADD, at most 80 characters)
ALTER TABLE claim ADD COLUMN delay_reason_code text;
ALTER TABLE claim ADD COLUMN claim_note text CHECK (char_length(claim_note) <= 80);

-- an appeal of a timely-filing denial (CARC 29) carries its proof: original submission, acknowledgment, payer claim number
ALTER TABLE appeal ADD COLUMN timely_filing_proof text;
