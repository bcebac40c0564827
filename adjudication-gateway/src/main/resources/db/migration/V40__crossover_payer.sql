-- Issue 20, coordination of benefits: the payer a claim was forwarded to by a crossover (835 CLP02 19-21, NM1*TT),
-- whose own 835 comes later with the same patient control number. The other payers the 837P names (loops
-- 2320/2330/2430) are part of the claim in outbound_claim.claim_json (otherPayers).
ALTER TABLE outbound_claim ADD COLUMN crossover_payer_id text;
ALTER TABLE outbound_claim ADD COLUMN crossover_payer_name text;
