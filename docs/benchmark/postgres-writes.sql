-- What PostgreSQL wrote for a run of the demo on fresh data (issue 22), read right after it with psql:
--   ./stack wipe && ./stack up --demo --count 4000 --rate 1000     (then, in another terminal, once the demo is done)
--   for db in claimflow_coding claimflow_claim claimflow_adjudication claimflow_patient_billing claimflow_console; do
--     PGPASSWORD=claimflow psql -h localhost -U claimflow -d $db -v encounters=4000 -f docs/benchmark/postgres-writes.sql
--   done
-- The WAL figures are the whole server's (the same in every database's output); the tables are this database's.

SELECT wal_records, wal_bytes, round(wal_bytes / :encounters) AS wal_bytes_per_encounter,
       round(wal_records / :encounters::numeric, 1) AS wal_records_per_encounter
FROM pg_stat_wal;

-- rows inserted, updated (of which HOT: the new version on the same page, no index entry) and deleted, per table;
-- index entries written = rows inserted and non-HOT updates, times the table's B-tree indexes (an upper bound: a
-- partial index takes only the rows it covers; BRIN indexes take no entry per row and are not counted)
SELECT s.schemaname || '.' || s.relname AS table_name, n_tup_ins AS inserted, n_tup_upd AS updated,
       n_tup_hot_upd AS hot, n_tup_del AS deleted, b.indexes,
       (n_tup_ins + n_tup_upd - n_tup_hot_upd) * b.indexes AS index_entries_at_most
FROM pg_stat_user_tables s
CROSS JOIN LATERAL (
    SELECT count(*) AS indexes FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
    WHERE i.indrelid = s.relid AND a.amname = 'btree') b
WHERE n_tup_ins + n_tup_upd + n_tup_del > 0
ORDER BY index_entries_at_most DESC;
