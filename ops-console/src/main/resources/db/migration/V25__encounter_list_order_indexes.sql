-- Issue 21 item 8: the encounter list's sorts read an index with 100,000 encounters (docs/benchmark/console-lists.md).
-- The list sorts documented_at DESC NULLS LAST (the newest first) and date_of_service DESC NULLS LAST or ASC NULLS
-- FIRST; the indexes of V11 (documented_at DESC = NULLS FIRST, date_of_service ASC = NULLS LAST) match none of them,
-- so every page sorted all encounters. These match (read backwards for the other direction).
CREATE INDEX encounter_documented_newest ON encounter (documented_at DESC NULLS LAST, encounter_id);
CREATE INDEX encounter_date_of_service_newest ON encounter (date_of_service DESC NULLS LAST, encounter_id);
