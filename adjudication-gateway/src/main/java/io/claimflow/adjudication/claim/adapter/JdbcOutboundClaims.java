package io.claimflow.adjudication.claim.adapter;

import io.claimflow.adjudication.claim.ClaimStatus;
import io.claimflow.adjudication.claim.Notices;
import io.claimflow.adjudication.claim.OutboundClaim;
import io.claimflow.adjudication.claim.OutboundClaims;
import io.claimflow.adjudication.claim.SentClaim;
import io.claimflow.adjudication.config.UnmatchedClpSql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** {@link OutboundClaims} in table {@code outbound_claim}; the claim itself as JSON. */
@Repository
class JdbcOutboundClaims implements OutboundClaims {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "claim_json::text AS claim_json, status, interchange_id, "
            + "st_control_number, payer_claim_number, queued_at";

    /**
     * Whether a CLP kept unmatched may be the claim taken in: Remittances#anyUnmatchedFor's condition (one definition,
     * {@link UnmatchedClpSql}) for a claim not held before now, so by CLP01 or member id (it has no payer claim number).
     */
    private static final String KEPT_CLP = UnmatchedClpSql.mayBeClaims(":pcn", null, ":member");

    private final JdbcClient jdbc;

    JdbcOutboundClaims(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Enqueue enqueue(OutboundClaim claim) {
        String json = JSON.writeValueAsString(claim);
        // one statement for a claim taken in (issue 22): the duplicate check (the event's submission held already),
        // the claim, its first submission, and whether a CLP kept unmatched may be its; the claim is inserted only
        // when its event is new and its id not held yet. The CLP condition is KEPT_CLP.
        Map<String, Object> taken = jdbc.sql("""
                WITH seen AS (
                    SELECT 1 FROM claim_submission WHERE submitted_event_id = :event
                ), claim AS (
                    INSERT INTO outbound_claim (claim_id, encounter_id, tenant_id, submitted_event_id,
                        patient_control_number, payer_id, payer_name, total_charge, claim_json, status)
                    SELECT :claim, :encounter, :tenant, :event, :pcn, :payer, :payerName, :total,
                        CAST(:json AS jsonb), 'QUEUED'
                    WHERE NOT EXISTS (SELECT 1 FROM seen)
                    ON CONFLICT (claim_id) DO NOTHING
                    RETURNING claim_id
                ), submission AS (
                    INSERT INTO claim_submission (claim_id, submitted_event_id, frequency, total_charge)
                    SELECT claim_id, :event, :frequency, :total FROM claim
                    RETURNING claim_id
                )
                SELECT EXISTS (SELECT 1 FROM seen) AS duplicate, EXISTS (SELECT 1 FROM submission) AS inserted,
                    EXISTS (SELECT 1 FROM claim)
                        AND EXISTS (SELECT 1 FROM remittance_claim c WHERE %s) AS kept""".formatted(KEPT_CLP))
                .param("event", claim.submittedEventId())
                .param("claim", claim.claimId())
                .param("encounter", claim.encounterId())
                .param("tenant", claim.tenantId())
                .param("pcn", claim.patientControlNumber())
                .param("payer", claim.payerId())
                .param("payerName", claim.coverage().payerName())
                .param("total", claim.totalCharge())
                .param("json", json)
                .param("frequency", claim.frequency().name())
                .param("member", claim.coverage().memberId())
                .query()
                .singleRow();
        if (Boolean.TRUE.equals(taken.get("duplicate"))) {
            return new Enqueue(Enqueued.DUPLICATE, false);
        }
        if (Boolean.TRUE.equals(taken.get("inserted"))) {
            return new Enqueue(Enqueued.NEW, Boolean.TRUE.equals(taken.get("kept")));
        }
        return new Enqueue(Enqueued.RESUBMITTED, resubmit(claim, json));
    }

    // a claim held already, released again (a new event): the new content replaces the held one and waits for a new
    // interchange; whether a kept CLP may be its is left to Remittances#anyUnmatchedFor (it has a payer claim number)
    private boolean resubmit(OutboundClaim claim, String json) {
        String previousStatus = jdbc.sql("SELECT status FROM outbound_claim WHERE claim_id = ? FOR UPDATE")
                .param(claim.claimId())
                .query(String.class)
                .single();
        jdbc.sql("""
                UPDATE outbound_claim SET encounter_id = ?, tenant_id = ?, submitted_event_id = ?,
                    patient_control_number = ?, payer_id = ?, payer_name = ?, total_charge = ?,
                    claim_json = ?::jsonb, status = 'QUEUED', interchange_id = NULL, st_control_number = NULL,
                    queued_at = now(), updated_at = now(), submissions = submissions + 1
                WHERE claim_id = ?""")
                .params(
                        claim.encounterId(),
                        claim.tenantId(),
                        claim.submittedEventId(),
                        claim.patientControlNumber(),
                        claim.payerId(),
                        claim.coverage().payerName(),
                        claim.totalCharge(),
                        json,
                        claim.claimId())
                .update();
        jdbc.sql("""
                INSERT INTO claim_submission (claim_id, submitted_event_id, frequency, total_charge, previous_status)
                VALUES (?, ?, ?, ?, ?)""")
                .params(
                        claim.claimId(),
                        claim.submittedEventId(),
                        claim.frequency().name(),
                        claim.totalCharge(),
                        previousStatus)
                .update();
        return true;
    }

    @Override
    public List<Submission> submissions(String claimId) {
        return jdbc.sql("""
                SELECT submitted_event_id, frequency, total_charge, previous_status, interchange_id,
                    st_control_number, queued_at
                FROM claim_submission WHERE claim_id = ? ORDER BY id""")
                .param(claimId)
                .query((rs, n) -> new Submission(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getBigDecimal(3),
                        rs.getString(4),
                        nullableLong(rs, 5),
                        nullableLong(rs, 6),
                        rs.getTimestamp(7).toInstant()))
                .list();
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    @Override
    public Map<String, Instant> oldestQueuedPerPayer() {
        Map<String, Instant> oldest = new LinkedHashMap<>();
        jdbc.sql("SELECT payer_id, min(queued_at) FROM outbound_queue GROUP BY payer_id ORDER BY payer_id")
                .query((rs, n) -> oldest.put(rs.getString(1), rs.getTimestamp(2).toInstant()))
                .list();
        return oldest;
    }

    @Override
    public List<OutboundClaim> lockQueued(String payerId, int limit) {
        // the queue (outbound_queue, kept by a trigger: V50) in its order; the claim's own status checked again, so a
        // claim batched by another instance meanwhile is not taken twice (its new version no longer matches)
        return jdbc.sql("""
                        SELECT o.claim_json::text FROM outbound_queue q JOIN outbound_claim o ON o.claim_id = q.claim_id
                        WHERE q.payer_id = ? AND o.status = 'QUEUED'
                        ORDER BY q.queued_at, q.claim_id LIMIT ? FOR UPDATE OF o SKIP LOCKED""")
                .params(payerId, limit)
                .query((rs, n) -> JSON.readValue(rs.getString(1), OutboundClaim.class))
                .list();
    }

    @Override
    public void markBatched(String claimId, long interchangeId, long transactionControlNumber) {
        jdbc.sql("UPDATE outbound_claim SET status = 'BATCHED', interchange_id = ?, st_control_number = ?, "
                        + "updated_at = now() WHERE claim_id = ?")
                .params(interchangeId, transactionControlNumber, claimId)
                .update();
        jdbc.sql("UPDATE claim_submission s SET interchange_id = ?, st_control_number = ? FROM outbound_claim c "
                        + "WHERE c.claim_id = ? AND s.claim_id = c.claim_id "
                        + "AND s.submitted_event_id = c.submitted_event_id")
                .params(interchangeId, transactionControlNumber, claimId)
                .update();
    }

    @Override
    public void markBatched(long interchangeId, Map<String, Long> transactionControlNumbers) {
        if (transactionControlNumbers.isEmpty()) {
            return;
        }
        String[] claimIds = transactionControlNumbers.keySet().toArray(String[]::new);
        String[] sts =
                transactionControlNumbers.values().stream().map(String::valueOf).toArray(String[]::new);
        jdbc.sql("""
                UPDATE outbound_claim o SET status = 'BATCHED', interchange_id = ?, st_control_number = v.st,
                    updated_at = now()
                FROM unnest(CAST(? AS text[]), CAST(? AS bigint[])) AS v (claim_id, st)
                WHERE o.claim_id = v.claim_id""").params(interchangeId, claimIds, sts).update();
        jdbc.sql("""
                UPDATE claim_submission s SET interchange_id = ?, st_control_number = v.st
                FROM unnest(CAST(? AS text[]), CAST(? AS bigint[])) AS v (claim_id, st), outbound_claim c
                WHERE c.claim_id = v.claim_id AND s.claim_id = c.claim_id
                    AND s.submitted_event_id = c.submitted_event_id""").params(interchangeId, claimIds, sts).update();
    }

    @Override
    public Map<Long, SentClaim> byTransactionControlNumbers(Collection<Long> transactionControlNumbers) {
        Map<Long, SentClaim> found = new HashMap<>();
        if (transactionControlNumbers.isEmpty()) {
            return found;
        }
        jdbc.sql("SELECT s.st_control_number AS asked, " + qualified("o") + " FROM claim_submission s "
                        + "JOIN outbound_claim o ON o.claim_id = s.claim_id "
                        + "WHERE s.st_control_number = ANY (CAST(? AS bigint[]))")
                .param(transactionControlNumbers.stream().map(String::valueOf).toArray(String[]::new))
                .query((rs, n) -> found.put(rs.getLong("asked"), sentClaim(rs, n)))
                .list();
        return found;
    }

    @Override
    public Map<String, SentClaim> byPatientControlNumbers(Collection<String> patientControlNumbers) {
        Map<String, SentClaim> found = new HashMap<>();
        if (patientControlNumbers.isEmpty()) {
            return found;
        }
        jdbc.sql("SELECT DISTINCT ON (patient_control_number) patient_control_number AS asked, " + COLUMNS
                        + " FROM outbound_claim WHERE patient_control_number = ANY (CAST(? AS text[])) "
                        + "AND status NOT IN ('QUEUED') ORDER BY patient_control_number, queued_at DESC")
                .param(patientControlNumbers.toArray(String[]::new))
                .query((rs, n) -> found.put(rs.getString("asked"), sentClaim(rs, n)))
                .list();
        return found;
    }

    @Override
    public Map<String, SentClaim> byClaimIds(Collection<String> claimIds) {
        Map<String, SentClaim> found = new HashMap<>();
        if (claimIds.isEmpty()) {
            return found;
        }
        jdbc.sql("SELECT claim_id AS asked, " + COLUMNS + " FROM outbound_claim WHERE claim_id = ANY (CAST(? AS "
                        + "text[]))")
                .param(claimIds.toArray(String[]::new))
                .query((rs, n) -> found.put(rs.getString("asked"), sentClaim(rs, n)))
                .list();
        return found;
    }

    @Override
    public Map<String, ClaimStatus> statusesInInterchange(long interchangeId) {
        Map<String, ClaimStatus> statuses = new LinkedHashMap<>();
        jdbc.sql("SELECT claim_id, status FROM outbound_claim WHERE interchange_id = ? ORDER BY st_control_number")
                .param(interchangeId)
                .query((rs, n) -> statuses.put(rs.getString(1), ClaimStatus.valueOf(rs.getString(2))))
                .list();
        return statuses;
    }

    private static String qualified(String alias) {
        return alias + ".claim_json::text AS claim_json, " + alias + ".status, " + alias + ".interchange_id, " + alias
                + ".st_control_number, " + alias + ".payer_claim_number, " + alias + ".queued_at";
    }

    @Override
    public Optional<SentClaim> byTransactionControlNumber(long transactionControlNumber) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outbound_claim WHERE claim_id = "
                        + "(SELECT claim_id FROM claim_submission WHERE st_control_number = ?)")
                .param(transactionControlNumber)
                .query(JdbcOutboundClaims::sentClaim)
                .optional();
    }

    @Override
    public Optional<SentClaim> byPatientControlNumber(String patientControlNumber) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outbound_claim WHERE patient_control_number = ? "
                        + "AND status NOT IN ('QUEUED') ORDER BY queued_at DESC LIMIT 1")
                .param(patientControlNumber)
                .query(JdbcOutboundClaims::sentClaim)
                .optional();
    }

    @Override
    public Optional<SentClaim> byClaimId(String claimId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outbound_claim WHERE claim_id = ?")
                .param(claimId)
                .query(JdbcOutboundClaims::sentClaim)
                .optional();
    }

    @Override
    public Optional<SentClaim> byPayerClaimNumber(String payerClaimNumber) {
        List<SentClaim> found = jdbc.sql(
                        "SELECT " + COLUMNS + " FROM outbound_claim WHERE payer_claim_number = ? " + "LIMIT 2")
                .param(payerClaimNumber)
                .query(JdbcOutboundClaims::sentClaim)
                .list();
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    @Override
    public List<SentClaim> byMemberId(String memberId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outbound_claim WHERE claim_json -> 'coverage' ->> 'memberId' = ? "
                        + "AND status <> 'QUEUED' ORDER BY queued_at DESC LIMIT 50")
                .param(memberId)
                .query(JdbcOutboundClaims::sentClaim)
                .list();
    }

    @Override
    public void updateStatus(String claimId, ClaimStatus status, String payerClaimNumber) {
        jdbc.sql("UPDATE outbound_claim SET status = ?, payer_claim_number = coalesce(?, payer_claim_number), "
                        + "updated_at = now() WHERE claim_id = ?")
                .params(status.name(), payerClaimNumber, claimId)
                .update();
    }

    @Override
    public void updateStatuses(List<StatusChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        // one row per claim: its last status, and its last payer claim number given (as updates one by one)
        Map<String, StatusChange> last = new LinkedHashMap<>();
        for (StatusChange change : changes) {
            StatusChange before = last.get(change.claimId());
            String payerClaimNumber = change.payerClaimNumber() != null || before == null
                    ? change.payerClaimNumber()
                    : before.payerClaimNumber();
            last.put(change.claimId(), new StatusChange(change.claimId(), change.status(), payerClaimNumber));
        }
        jdbc.sql("""
                UPDATE outbound_claim o SET status = v.status,
                    payer_claim_number = coalesce(v.payer_claim_number, o.payer_claim_number), updated_at = now()
                FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]))
                    AS v (claim_id, status, payer_claim_number)
                WHERE o.claim_id = v.claim_id""")
                .params(
                        last.keySet().toArray(String[]::new),
                        last.values().stream().map(c -> c.status().name()).toArray(String[]::new),
                        last.values().stream()
                                .map(StatusChange::payerClaimNumber)
                                .toArray(String[]::new))
                .update();
    }

    @Override
    public void recordCrossover(String claimId, String payerId, String payerName) {
        jdbc.sql("UPDATE outbound_claim SET crossover_payer_id = ?, crossover_payer_name = ?, updated_at = now() "
                        + "WHERE claim_id = ?")
                .params(payerId, payerName, claimId)
                .update();
    }

    @Override
    public Optional<Notices.NextPayer> crossoverPayer(String claimId) {
        return jdbc.sql("SELECT crossover_payer_id, crossover_payer_name FROM outbound_claim WHERE claim_id = ? "
                        + "AND crossover_payer_id IS NOT NULL")
                .param(claimId)
                .query((rs, n) -> new Notices.NextPayer(rs.getString(1), rs.getString(2)))
                .optional();
    }

    @Override
    public Map<ClaimStatus, Long> countByStatus() {
        Map<ClaimStatus, Long> counts = new EnumMap<>(ClaimStatus.class);
        for (ClaimStatus status : ClaimStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("SELECT status, count(*) FROM outbound_claim GROUP BY status")
                .query((rs, n) -> counts.put(ClaimStatus.valueOf(rs.getString(1)), rs.getLong(2)))
                .list();
        return counts;
    }

    @Override
    public List<SentClaim> inInterchange(long interchangeId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outbound_claim WHERE interchange_id = ? ORDER BY "
                        + "st_control_number")
                .param(interchangeId)
                .query(JdbcOutboundClaims::sentClaim)
                .list();
    }

    @Override
    public List<String> lockInInterchange(long interchangeId) {
        return jdbc.sql("SELECT claim_id FROM outbound_claim WHERE interchange_id = ? ORDER BY st_control_number "
                        + "FOR UPDATE")
                .param(interchangeId)
                .query(String.class)
                .list();
    }

    @Override
    public void requeue(String claimId) {
        jdbc.sql("UPDATE outbound_claim SET status = 'QUEUED', interchange_id = NULL, st_control_number = NULL, "
                        + "updated_at = now() WHERE claim_id = ?")
                .param(claimId)
                .update();
    }

    private static SentClaim sentClaim(ResultSet rs, int row) throws SQLException {
        long interchangeId = rs.getLong("interchange_id");
        Long interchange = rs.wasNull() ? null : interchangeId;
        long st = rs.getLong("st_control_number");
        Long transaction = rs.wasNull() ? null : st;
        return new SentClaim(
                JSON.readValue(rs.getString("claim_json"), OutboundClaim.class),
                ClaimStatus.valueOf(rs.getString("status")),
                interchange,
                transaction,
                rs.getString("payer_claim_number"),
                rs.getTimestamp("queued_at").toInstant());
    }
}
