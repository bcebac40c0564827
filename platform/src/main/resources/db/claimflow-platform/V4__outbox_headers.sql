-- Record headers to send with the row, as flat key/value pairs {k1,v1,k2,v2}: the trace context (traceparent) of
-- the transaction that appended it, so the relayed record continues that trace instead of starting a new one.
-- NULL for rows appended outside a trace and for rows written before this column existed.
ALTER TABLE outbox ADD COLUMN headers text[];
