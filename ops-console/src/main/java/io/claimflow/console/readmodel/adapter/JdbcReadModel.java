package io.claimflow.console.readmodel.adapter;

import io.claimflow.console.readmodel.ClaimView;
import io.claimflow.console.readmodel.DenialFact;
import io.claimflow.console.readmodel.EventKind;
import io.claimflow.console.readmodel.ReadModel;
import io.claimflow.console.readmodel.TimelineEntry;
import io.claimflow.console.readmodel.TopicThroughput;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link ReadModel} over the console's own PostgreSQL tables. */
@Component
class JdbcReadModel implements ReadModel {

    private static final String CLAIM_COLUMNS = """
            SELECT c.*, e.documented_at, e.first_paid_at AS encounter_first_paid_at
            FROM claim c LEFT JOIN encounter e ON e.encounter_id = c.encounter_id
            """;

    private final JdbcClient jdbc;

    JdbcReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<ClaimView> search(String term, int limit) {
        String prefix = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql(CLAIM_COLUMNS + """
                WHERE c.encounter_id LIKE :p OR c.claim_id LIKE :p OR c.patient_control_number LIKE :p
                ORDER BY c.submitted_at DESC LIMIT :limit
                """).param("p", prefix).param("limit", limit).query(JdbcReadModel::claim).list();
    }

    @Override
    public List<TimelineEntry> timeline(String encounterId) {
        return jdbc.sql("SELECT * FROM timeline_event WHERE encounter_id = :e ORDER BY occurred_at, event_id")
                .param("e", encounterId).query(JdbcReadModel::entry).list();
    }

    @Override
    public List<ClaimView> claimsOfEncounter(String encounterId) {
        return jdbc.sql(CLAIM_COLUMNS + " WHERE c.encounter_id = :e ORDER BY c.submitted_at")
                .param("e", encounterId).query(JdbcReadModel::claim).list();
    }

    @Override
    public Optional<String> encounterOfClaim(String claimId) {
        return jdbc.sql("SELECT encounter_id FROM claim WHERE claim_id = :c").param("c", claimId)
                .query(String.class).optional();
    }

    @Override
    public List<ClaimView> claimsSubmitted(Instant from, Instant to) {
        return jdbc.sql(CLAIM_COLUMNS + " WHERE c.submitted_at >= :from AND c.submitted_at < :to")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query(JdbcReadModel::claim).list();
    }

    @Override
    public List<ClaimView> liveClaimsSubmittedBefore(Instant to) {
        // As the A/R stood at `to`: payments posted before it, claims not yet replaced or voided then.
        return jdbc.sql("""
                SELECT c.claim_id, c.encounter_id, c.tenant_id, c.patient_control_number, c.payer_id, c.payer_name,
                    c.frequency, c.replaced_claim_id, c.coding_version,
                    CASE WHEN c.state IN ('REPLACED', 'VOIDED') THEN 'SUBMITTED' ELSE c.state END AS state,
                    c.submitted_at, c.date_of_service, c.total_charge,
                    COALESCE(p.paid, 0) AS paid_amount, COALESCE(p.patient, 0) AS patient_responsibility,
                    COALESCE(p.contractual, 0) AS contractual_adjustment, c.denial_count, c.front_end_rejected,
                    c.last_denial_category, c.last_denial_carcs, c.first_answer_at, c.last_paid_at,
                    e.documented_at, e.first_paid_at AS encounter_first_paid_at
                FROM claim c LEFT JOIN encounter e ON e.encounter_id = c.encounter_id
                LEFT JOIN (SELECT claim_id, SUM(paid_amount) AS paid, SUM(patient_responsibility) AS patient,
                        SUM(contractual_adjustment) AS contractual
                    FROM timeline_event WHERE kind = 'PAYMENT_POSTED' AND occurred_at < :to GROUP BY claim_id) p
                    ON p.claim_id = c.claim_id
                WHERE c.submitted_at < :to AND c.frequency <> 'VOID'
                  AND NOT EXISTS (SELECT 1 FROM claim r WHERE r.replaced_claim_id = c.claim_id AND r.submitted_at < :to)
                """).param("to", Timestamp.from(to)).query(JdbcReadModel::claim).list();
    }

    @Override
    public List<DenialFact> denials(Instant from, Instant to) {
        return jdbc.sql("""
                SELECT claim_id, payer_id, denial_stage, denial_category, carcs, occurred_at FROM timeline_event
                WHERE kind = 'DENIED' AND occurred_at >= :from AND occurred_at < :to
                """).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, n) -> new DenialFact(rs.getString("claim_id"), rs.getString("payer_id"),
                        rs.getString("denial_stage"), rs.getString("denial_category"), rs.getString("carcs"),
                        rs.getTimestamp("occurred_at").toInstant()))
                .list();
    }

    @Override
    public List<TopicThroughput> throughputSince(Instant since) {
        return jdbc.sql("SELECT topic, minute, events FROM topic_minute WHERE minute >= :since ORDER BY minute, topic")
                .param("since", Timestamp.from(since))
                .query((rs, n) -> new TopicThroughput(rs.getString("topic"), rs.getTimestamp("minute").toInstant(),
                        rs.getInt("events")))
                .list();
    }

    private static TimelineEntry entry(ResultSet rs, int row) throws SQLException {
        return new TimelineEntry(rs.getString("event_id"), rs.getString("topic"),
                EventKind.valueOf(rs.getString("kind")), rs.getString("encounter_id"), rs.getString("claim_id"),
                rs.getString("tenant_id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("summary"),
                (Integer) rs.getObject("coding_version"), rs.getString("frequency"), rs.getString("denial_stage"),
                rs.getString("denial_category"), rs.getString("carcs"), rs.getString("payer_id"),
                rs.getBigDecimal("charge_amount"), rs.getBigDecimal("paid_amount"),
                rs.getBigDecimal("patient_responsibility"), rs.getBigDecimal("contractual_adjustment"));
    }

    private static ClaimView claim(ResultSet rs, int row) throws SQLException {
        return new ClaimView(rs.getString("claim_id"), rs.getString("encounter_id"), rs.getString("tenant_id"),
                rs.getString("patient_control_number"), rs.getString("payer_id"), rs.getString("payer_name"),
                rs.getString("frequency"), rs.getString("replaced_claim_id"), rs.getInt("coding_version"),
                rs.getString("state"), instant(rs.getTimestamp("submitted_at")), date(rs.getDate("date_of_service")),
                rs.getBigDecimal("total_charge"), rs.getBigDecimal("paid_amount"),
                rs.getBigDecimal("patient_responsibility"), rs.getBigDecimal("contractual_adjustment"),
                rs.getInt("denial_count"), rs.getBoolean("front_end_rejected"), rs.getString("last_denial_category"),
                rs.getString("last_denial_carcs"), instant(rs.getTimestamp("first_answer_at")),
                instant(rs.getTimestamp("last_paid_at")), instant(rs.getTimestamp("documented_at")),
                instant(rs.getTimestamp("encounter_first_paid_at")));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    private static LocalDate date(Date date) {
        return date == null ? null : date.toLocalDate();
    }
}
