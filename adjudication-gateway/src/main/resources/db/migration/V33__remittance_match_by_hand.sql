-- Issue 21 item 3: an 835 claim (CLP) that matched no claim can be matched by a biller; who matched it and when is
-- kept beside how (matched_by MANUAL). Every CLP is now kept as read (payment_json, no longer cleared once matched)
-- so a deposit shows each claim's and each line's adjustments (CARC) and remark codes (RARC); CLPs posted before this
-- migration have none kept.
ALTER TABLE remittance_claim ADD COLUMN matched_by_user text;
ALTER TABLE remittance_claim ADD COLUMN matched_at timestamptz;
