package io.claimflow.adjudication.submission.adapter;

import io.claimflow.adjudication.submission.InterchangeRecord;
import io.claimflow.adjudication.submission.Interchanges;
import io.claimflow.platform.jdbc.TransactionRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@link Interchanges} in tables {@code interchange} and {@code claim_x12_event}. */
@Repository
class JdbcInterchanges implements Interchanges {

    private static final String COLUMNS = "id, direction, transaction_type, payer_id, sender_id, receiver_id, "
            + "isa_control_number, gs_control_number, status, source, claim_count, attempts, next_attempt_at, "
            + "last_error, created_at, sent_at, ta1_status, ta1_note_code";

    private final JdbcClient jdbc;

    // a transaction's X12 history rows, written in one statement just before it commits (issue 22: a send and the
    // 999 answering it were an insert each). Append-only and read back only by history(), which writes them first;
    // nothing in them can fail on its own (no unique key, NOT NULL columns always given, the interchange they name
    // written before them in the same transaction), so a failure at the commit is never one record's.
    private final TransactionRows<NewClaimEvent> claimEvents = new TransactionRows<>(this::insertClaimEvents);

    JdbcInterchanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long storeOutbound(
            String payerId, String senderId, String receiverId, long isa, long gs, byte[] raw, int claimCount) {
        return jdbc.sql("""
                INSERT INTO interchange (direction, transaction_type, payer_id, sender_id, receiver_id,
                    isa_control_number, gs_control_number, status, source, claim_count, next_attempt_at, sha256, raw)
                VALUES ('OUT', '837P', ?, ?, ?, ?, ?, 'QUEUED', 'GATEWAY', ?, now(), ?, ?) RETURNING id""")
                .params(payerId, senderId, receiverId, isa, gs, claimCount, Interchanges.sha256(raw), raw)
                .query(Long.class)
                .single();
    }

    @Override
    public List<Long> dueForSending(Instant now, int limit) {
        return jdbc.sql("SELECT id FROM interchange WHERE direction = 'OUT' AND status = 'QUEUED' "
                        + "AND next_attempt_at <= ? ORDER BY id LIMIT ?")
                .params(Timestamp.from(now), limit)
                .query(Long.class)
                .list();
    }

    @Override
    public boolean anyQueuedOutbound() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM interchange WHERE direction = 'OUT' AND status = 'QUEUED')")
                .query(Boolean.class)
                .single();
    }

    @Override
    public Optional<Outbound> lockQueued(long id) {
        return jdbc.sql("SELECT id, payer_id, raw, attempts, claim_count FROM interchange WHERE id = ? "
                        + "AND direction = 'OUT' AND status = 'QUEUED' FOR UPDATE SKIP LOCKED")
                .param(id)
                .query((rs, n) ->
                        new Outbound(rs.getLong(1), rs.getString(2), rs.getBytes(3), rs.getInt(4), rs.getInt(5)))
                .optional();
    }

    @Override
    public void withdraw(long id) {
        jdbc.sql("UPDATE interchange SET status = 'WITHDRAWN', next_attempt_at = NULL, updated_at = now() "
                        + "WHERE id = ? AND direction = 'OUT' AND status = 'QUEUED'")
                .param(id)
                .update();
        claimEvents.flush(); // the history in its order
        jdbc.sql("""
                INSERT INTO claim_x12_event (claim_id, interchange_id, transaction_type, outcome, detail)
                SELECT s.claim_id, s.interchange_id, '837P', 'WITHDRAWN',
                    'not sent: superseded by a later submission before the interchange went out'
                FROM claim_submission s JOIN outbound_claim c ON c.claim_id = s.claim_id
                WHERE s.interchange_id = ? AND s.submitted_event_id <> c.submitted_event_id""").param(id).update();
        jdbc.sql("UPDATE claim_submission SET interchange_id = NULL, st_control_number = NULL "
                        + "WHERE interchange_id = ?")
                .param(id)
                .update();
    }

    @Override
    public void markSent(long id, Instant at) {
        jdbc.sql("UPDATE interchange SET status = 'SENT', sent_at = ?, attempts = attempts + 1, last_error = NULL, "
                        + "next_attempt_at = NULL, updated_at = now() WHERE id = ?")
                .params(Timestamp.from(at), id)
                .update();
    }

    @Override
    public void markAttemptFailed(long id, String reason, Instant nextAttemptAt) {
        jdbc.sql("UPDATE interchange SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, "
                        + "updated_at = now() WHERE id = ?")
                .params(truncate(reason), Timestamp.from(nextAttemptAt), id)
                .update();
    }

    @Override
    public void updateStatus(long id, String status) {
        jdbc.sql("UPDATE interchange SET status = ?, updated_at = now() WHERE id = ?")
                .params(status, id)
                .update();
    }

    @Override
    public Optional<InterchangeRecord> outboundByGroupControlNumber(long gs) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM interchange WHERE direction = 'OUT' AND gs_control_number = ?")
                .param(gs)
                .query(JdbcInterchanges::record)
                .optional();
    }

    @Override
    public Optional<InterchangeRecord> outboundByInterchangeControlNumber(long isa) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM interchange WHERE direction = 'OUT' AND isa_control_number = ?")
                .param(isa)
                .query(JdbcInterchanges::record)
                .optional();
    }

    @Override
    public void recordTa1(long id, String code, String noteCode) {
        jdbc.sql("UPDATE interchange SET ta1_status = ?, ta1_note_code = ?, updated_at = now() WHERE id = ?")
                .params(code, noteCode, id)
                .update();
    }

    @Override
    public StoredInbound storeInbound(
            String transactionType,
            String source,
            String senderId,
            String receiverId,
            Long isa,
            byte[] raw,
            String status) {
        return jdbc.sql("""
                WITH before AS (
                    SELECT EXISTS (SELECT 1 FROM interchange WHERE direction = 'IN' AND sha256 = :sha
                        AND status IN ('PROCESSED', 'DUPLICATE')) AS seen
                )
                INSERT INTO interchange (direction, transaction_type, sender_id, receiver_id, isa_control_number,
                    status, source, sha256, raw)
                SELECT 'IN', CASE WHEN seen THEN 'UNKNOWN' ELSE CAST(:type AS text) END,
                    CASE WHEN seen THEN NULL ELSE CAST(:sender AS text) END,
                    CASE WHEN seen THEN NULL ELSE CAST(:receiver AS text) END,
                    CASE WHEN seen THEN NULL ELSE CAST(:isa AS bigint) END,
                    CASE WHEN seen THEN 'DUPLICATE' ELSE CAST(:status AS text) END, :source, :sha, :raw
                FROM before
                RETURNING id, status = 'DUPLICATE' AS duplicate""")
                .param("sha", Interchanges.sha256(raw))
                .param("type", transactionType)
                .param("sender", senderId)
                .param("receiver", receiverId)
                .param("isa", isa)
                .param("status", status)
                .param("source", source)
                .param("raw", raw)
                .query((rs, n) -> new StoredInbound(rs.getLong(1), rs.getBoolean(2)))
                .single();
    }

    @Override
    public void updateInbound(long id, String transactionType, String status, String lastError) {
        jdbc.sql("UPDATE interchange SET transaction_type = ?, status = ?, last_error = ?, updated_at = now() "
                        + "WHERE id = ?")
                .params(transactionType, status, truncate(lastError), id)
                .update();
    }

    @Override
    public void recordClaimEvent(
            String claimId, long interchangeId, String transactionType, String outcome, String detail) {
        claimEvents.add(new NewClaimEvent(claimId, interchangeId, transactionType, outcome, detail));
    }

    @Override
    public void recordClaimEvents(List<NewClaimEvent> events) {
        claimEvents.addAll(events);
    }

    private void insertClaimEvents(List<NewClaimEvent> events) {
        int n = events.size();
        String[] claimIds = new String[n];
        String[] interchangeIds = new String[n];
        String[] types = new String[n];
        String[] outcomes = new String[n];
        String[] details = new String[n];
        for (int i = 0; i < n; i++) {
            NewClaimEvent event = events.get(i);
            claimIds[i] = event.claimId();
            interchangeIds[i] = Long.toString(event.interchangeId());
            types[i] = event.transactionType();
            outcomes[i] = event.outcome();
            details[i] = event.detail();
        }
        // in the given order (the history is read back by id)
        jdbc.sql("""
                INSERT INTO claim_x12_event (claim_id, interchange_id, transaction_type, outcome, detail)
                SELECT claim_id, interchange_id, transaction_type, outcome, detail
                FROM unnest(CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]),
                    CAST(? AS text[])) WITH ORDINALITY AS t (claim_id, interchange_id, transaction_type, outcome,
                    detail, n)
                ORDER BY n""").params(claimIds, interchangeIds, types, outcomes, details).update();
    }

    @Override
    public List<ClaimX12Event> history(String claimId) {
        claimEvents.flush();
        return jdbc.sql("SELECT interchange_id, transaction_type, outcome, detail, created_at FROM claim_x12_event "
                        + "WHERE claim_id = ? ORDER BY id")
                .param(claimId)
                .query((rs, n) -> new ClaimX12Event(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
    }

    @Override
    public List<InterchangeRecord> list(String direction, String status, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM interchange WHERE (CAST(? AS text) IS NULL OR direction = ?) "
                        + "AND (CAST(? AS text) IS NULL OR status = ?) ORDER BY id DESC LIMIT ?")
                .params(direction, direction, status, status, limit)
                .query(JdbcInterchanges::record)
                .list();
    }

    @Override
    public Optional<InterchangeRecord> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM interchange WHERE id = ?")
                .param(id)
                .query(JdbcInterchanges::record)
                .optional();
    }

    @Override
    public Optional<byte[]> raw(long id) {
        return jdbc.sql("SELECT raw FROM interchange WHERE id = ?")
                .param(id)
                .query(byte[].class)
                .optional();
    }

    @Override
    public Map<String, Long> outboundCountByStatus() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT status, count(*) FROM interchange WHERE direction = 'OUT' GROUP BY status ORDER BY status")
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
                .list();
        return counts;
    }

    private static InterchangeRecord record(ResultSet rs, int row) throws SQLException {
        return new InterchangeRecord(
                rs.getLong("id"),
                rs.getString("direction"),
                rs.getString("transaction_type"),
                rs.getString("payer_id"),
                rs.getString("sender_id"),
                rs.getString("receiver_id"),
                nullableLong(rs, "isa_control_number"),
                nullableLong(rs, "gs_control_number"),
                rs.getString("status"),
                rs.getString("source"),
                rs.getInt("claim_count"),
                rs.getInt("attempts"),
                instant(rs.getTimestamp("next_attempt_at")),
                rs.getString("last_error"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("sent_at")),
                rs.getString("ta1_status"),
                rs.getString("ta1_note_code"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
