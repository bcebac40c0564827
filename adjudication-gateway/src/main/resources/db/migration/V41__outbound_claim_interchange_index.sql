-- The claims of an interchange are read when it is sent (locked) and when its 999 comes (their statuses): by
-- interchange id, which no index served (a scan of every claim held, per interchange sent and per 999).
CREATE INDEX outbound_claim_interchange ON outbound_claim (interchange_id) WHERE interchange_id IS NOT NULL;
