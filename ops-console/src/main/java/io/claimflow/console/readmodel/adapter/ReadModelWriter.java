package io.claimflow.console.readmodel.adapter;

import io.claimflow.console.readmodel.EventKind;
import io.claimflow.console.readmodel.TimelineEntry;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes each event into the read model: the timeline row, the encounter or claim row and the per-minute count commit
 * together with the event's idempotency mark, which the listener takes first ({@link EventListeners}: one mark per
 * event under {@link #consumer(EventKind)}, so a redelivered event changes nothing). Runs in the caller's
 * transaction, a poll's: the encounter and claim rows are written at once (their upserts read what earlier events of
 * the poll wrote); a transaction's timeline rows go in one JDBC batch and its per-minute counts in one upsert per
 * topic and minute, just before it commits.
 */
@Component
class ReadModelWriter {

    private static final String CONSUMER = "ops-console.";
    private static final String INSERT_TIMELINE = """
            INSERT INTO timeline_event (event_id, topic, kind, encounter_id, claim_id, tenant_id, occurred_at,
                summary, coding_version, frequency, denial_stage, denial_category, carcs, payer_id, charge_amount,
                paid_amount, patient_responsibility, contractual_adjustment)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;
    private static final String COUNT_MINUTE = """
            INSERT INTO topic_minute (topic, minute, events) VALUES (?, ?, ?)
            ON CONFLICT (topic, minute) DO UPDATE SET events = topic_minute.events + EXCLUDED.events
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    ReadModelWriter(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** The consumer id the events of {@code kind} are marked under (the ids the console has always used). */
    static String consumer(EventKind kind) {
        return CONSUMER + kind.name().toLowerCase(Locale.ROOT);
    }

    @Transactional
    public void documented(TimelineEntry entry, LocalDate dateOfService) {
        timeline(entry);
        jdbc.sql("""
                INSERT INTO encounter (encounter_id, tenant_id, date_of_service, documented_at)
                VALUES (:encounter, :tenant, :dos, :at)
                ON CONFLICT (encounter_id) DO UPDATE SET date_of_service = EXCLUDED.date_of_service,
                    documented_at = LEAST(encounter.documented_at, EXCLUDED.documented_at)
                """)
                .param("encounter", entry.encounterId())
                .param("tenant", entry.tenantId())
                .param("dos", dateOfService)
                .param("at", ts(entry.occurredAt()))
                .update();
    }

    @Transactional
    public void coded(TimelineEntry entry, LocalDate dateOfService) {
        timeline(entry);
        jdbc.sql("""
                INSERT INTO encounter (encounter_id, tenant_id, date_of_service, coding_version)
                VALUES (:encounter, :tenant, :dos, :version)
                ON CONFLICT (encounter_id) DO UPDATE SET
                    coding_version = GREATEST(COALESCE(encounter.coding_version, 0), EXCLUDED.coding_version),
                    date_of_service = COALESCE(encounter.date_of_service, EXCLUDED.date_of_service)
                """)
                .param("encounter", entry.encounterId())
                .param("tenant", entry.tenantId())
                .param("dos", dateOfService)
                .param("version", entry.codingVersion())
                .update();
    }

    /**
     * A claim's submission. The same claim id submitted again (a front-end rejected claim corrected and released) is
     * SUBMITTED again and keeps its first submission time (its KPI period); a submission that arrives after its own
     * answer (the row {@link #denied} or {@link #paymentPosted} made, frequency UNKNOWN) keeps the state the answer
     * gave.
     */
    @Transactional
    public void submitted(TimelineEntry entry, EventMapping.Submission submission) {
        timeline(entry);
        String state = "VOID".equals(entry.frequency()) ? "VOIDED" : "SUBMITTED";
        jdbc.sql("""
                INSERT INTO claim (claim_id, encounter_id, tenant_id, patient_control_number, payer_id, payer_name,
                    frequency, replaced_claim_id, coding_version, state, submitted_at, date_of_service, total_charge)
                VALUES (:claim, :encounter, :tenant, :pcn, :payer, :payerName, :frequency, :replaced, :version,
                    :state, :at, :dos, :charge)
                ON CONFLICT (claim_id) DO UPDATE SET frequency = EXCLUDED.frequency,
                    replaced_claim_id = EXCLUDED.replaced_claim_id, coding_version = EXCLUDED.coding_version,
                    state = CASE WHEN claim.state IN ('REPLACED', 'VOIDED') THEN claim.state
                                 WHEN claim.frequency <> 'UNKNOWN' AND EXCLUDED.submitted_at > claim.submitted_at
                                     THEN EXCLUDED.state
                                 ELSE claim.state END,
                    submitted_at = CASE WHEN claim.frequency = 'UNKNOWN' THEN EXCLUDED.submitted_at
                                        ELSE LEAST(claim.submitted_at, EXCLUDED.submitted_at) END,
                    date_of_service = EXCLUDED.date_of_service,
                    total_charge = EXCLUDED.total_charge, patient_control_number = EXCLUDED.patient_control_number
                """)
                .param("claim", entry.claimId())
                .param("encounter", entry.encounterId())
                .param("tenant", entry.tenantId())
                .param("pcn", submission.patientControlNumber())
                .param("payer", entry.payerId())
                .param("payerName", submission.payerName())
                .param("frequency", entry.frequency())
                .param("replaced", submission.replacedClaimId())
                .param("version", entry.codingVersion())
                .param("state", state)
                .param("at", ts(entry.occurredAt()))
                .param("dos", submission.dateOfService())
                .param("charge", entry.chargeAmount())
                .update();
        if (submission.replacedClaimId() != null) {
            jdbc.sql("UPDATE claim SET state = :state WHERE claim_id = :claim")
                    .param("state", "VOID".equals(entry.frequency()) ? "VOIDED" : "REPLACED")
                    .param("claim", submission.replacedClaimId())
                    .update();
        }
    }

    /**
     * A self-pay claim billed to the patient: no payer, the whole charge the patient's. Its frequency is SELF_PAY
     * (nothing went to a payer), so the payer KPIs and the insurance A/R leave it out. The claim it replaces (the visit
     * was recoded) is REPLACED.
     */
    @Transactional
    public void billedToPatient(TimelineEntry entry, EventMapping.Submission billing) {
        timeline(entry);
        jdbc.sql("""
                INSERT INTO claim (claim_id, encounter_id, tenant_id, patient_control_number, payer_id, payer_name,
                    frequency, replaced_claim_id, coding_version, state, submitted_at, date_of_service, total_charge,
                    patient_responsibility)
                VALUES (:claim, :encounter, :tenant, :pcn, :payer, :payerName, 'SELF_PAY', :replaced, :version,
                    'BILLED_TO_PATIENT', :at, :dos, :charge, :charge)
                ON CONFLICT (claim_id) DO UPDATE SET frequency = 'SELF_PAY', payer_id = EXCLUDED.payer_id,
                    payer_name = EXCLUDED.payer_name, replaced_claim_id = EXCLUDED.replaced_claim_id,
                    coding_version = EXCLUDED.coding_version,
                    state = CASE WHEN claim.state IN ('REPLACED', 'VOIDED') THEN claim.state
                                 ELSE 'BILLED_TO_PATIENT' END,
                    submitted_at = EXCLUDED.submitted_at, date_of_service = EXCLUDED.date_of_service,
                    total_charge = EXCLUDED.total_charge, patient_responsibility = EXCLUDED.patient_responsibility,
                    patient_control_number = EXCLUDED.patient_control_number
                """)
                .param("claim", entry.claimId())
                .param("encounter", entry.encounterId())
                .param("tenant", entry.tenantId())
                .param("pcn", billing.patientControlNumber())
                .param("payer", entry.payerId())
                .param("payerName", billing.payerName())
                .param("replaced", billing.replacedClaimId())
                .param("version", entry.codingVersion())
                .param("at", ts(entry.occurredAt()))
                .param("dos", billing.dateOfService())
                .param("charge", entry.chargeAmount())
                .update();
        if (billing.replacedClaimId() != null) {
            jdbc.sql("UPDATE claim SET state = 'REPLACED' WHERE claim_id = :claim")
                    .param("claim", billing.replacedClaimId())
                    .update();
        }
    }

    /**
     * A denial, on the claim's row or on a row it makes when the denial overtook its submission (frequency UNKNOWN,
     * kept by {@link #submitted}): one upsert (issue 22: an insert that did nothing, then an update).
     */
    @Transactional
    public void denied(TimelineEntry entry, String payerName, String patientControlNumber) {
        timeline(entry);
        boolean frontEnd = "FRONT_END_REJECTION".equals(entry.denialStage());
        jdbc.sql("""
                INSERT INTO claim (claim_id, encounter_id, tenant_id, patient_control_number, payer_id, payer_name,
                    frequency, coding_version, state, submitted_at, total_charge, denial_count, front_end_rejected,
                    last_denial_category, last_denial_carcs, first_answer_at)
                VALUES (:claim, :encounter, :tenant, :pcn, :payer, :payerName, 'UNKNOWN', 0,
                    CASE WHEN :frontEnd THEN 'REJECTED' ELSE 'DENIED' END, :at, :charge, 1, :frontEnd, :category,
                    :carcs, :at)
                ON CONFLICT (claim_id) DO UPDATE SET denial_count = claim.denial_count + 1,
                    front_end_rejected = claim.front_end_rejected OR EXCLUDED.front_end_rejected,
                    last_denial_category = EXCLUDED.last_denial_category,
                    last_denial_carcs = EXCLUDED.last_denial_carcs,
                    first_answer_at = LEAST(COALESCE(claim.first_answer_at, EXCLUDED.first_answer_at),
                                            EXCLUDED.first_answer_at),
                    state = CASE WHEN claim.state IN ('REPLACED', 'VOIDED') THEN claim.state
                                 WHEN claim.paid_amount > 0 THEN 'PARTIALLY_PAID'
                                 WHEN EXCLUDED.front_end_rejected THEN 'REJECTED' ELSE 'DENIED' END
                """)
                .param("claim", entry.claimId())
                .param("encounter", entry.encounterId())
                .param("tenant", entry.tenantId())
                .param("pcn", patientControlNumber)
                .param("payer", entry.payerId())
                .param("payerName", payerName)
                .param("frontEnd", frontEnd)
                .param("at", ts(entry.occurredAt()))
                .param("charge", EventMapping.zeroIfNull(entry.chargeAmount()))
                .param("category", entry.denialCategory())
                .param("carcs", entry.carcs())
                .update();
    }

    @Transactional
    public void recodeRequested(TimelineEntry entry) {
        timeline(entry);
        jdbc.sql("""
                UPDATE claim SET state = 'RECODE_REQUESTED'
                WHERE claim_id = :claim AND state NOT IN ('REPLACED', 'VOIDED')
                """).param("claim", entry.claimId()).update();
    }

    /**
     * A payment, on the claim's row or on a row it makes when the payment overtook its submission (frequency UNKNOWN,
     * kept by {@link #submitted}): one upsert (issue 22: an insert that did nothing, then an update).
     */
    @Transactional
    public void paymentPosted(TimelineEntry entry, String payerName, String patientControlNumber) {
        timeline(entry);
        jdbc.sql("""
                INSERT INTO claim (claim_id, encounter_id, tenant_id, patient_control_number, payer_id, payer_name,
                    frequency, coding_version, state, submitted_at, total_charge, paid_amount, patient_responsibility,
                    contractual_adjustment, first_answer_at, last_paid_at)
                VALUES (:claim, :encounter, :tenant, :pcn, :payer, :payerName, 'UNKNOWN', 0,
                    CASE WHEN CAST(:paid AS numeric) <= 0 AND CAST(:patient AS numeric) <= 0 THEN 'DENIED'
                         ELSE 'PAID' END,
                    :at, :charge, :paid, :patient, :contractual, :at, :at)
                ON CONFLICT (claim_id) DO UPDATE SET paid_amount = claim.paid_amount + EXCLUDED.paid_amount,
                    patient_responsibility = claim.patient_responsibility + EXCLUDED.patient_responsibility,
                    contractual_adjustment = claim.contractual_adjustment + EXCLUDED.contractual_adjustment,
                    first_answer_at = LEAST(COALESCE(claim.first_answer_at, EXCLUDED.first_answer_at),
                                            EXCLUDED.first_answer_at),
                    last_paid_at = EXCLUDED.last_paid_at,
                    state = CASE WHEN claim.state IN ('REPLACED', 'VOIDED') THEN claim.state
                                 WHEN claim.paid_amount + EXCLUDED.paid_amount <= 0
                                      AND claim.patient_responsibility + EXCLUDED.patient_responsibility <= 0
                                     THEN 'DENIED'
                                 WHEN claim.denial_count > 0 THEN 'PARTIALLY_PAID' ELSE 'PAID' END
                """)
                .param("claim", entry.claimId())
                .param("encounter", entry.encounterId())
                .param("tenant", entry.tenantId())
                .param("pcn", patientControlNumber)
                .param("payer", entry.payerId())
                .param("payerName", payerName)
                .param("at", ts(entry.occurredAt()))
                .param("charge", EventMapping.zeroIfNull(entry.chargeAmount()))
                .param("paid", entry.paidAmount())
                .param("patient", entry.patientResponsibility())
                .param("contractual", entry.contractualAdjustment())
                .update();
        if (entry.paidAmount().signum() > 0) {
            jdbc.sql("""
                    INSERT INTO encounter (encounter_id, tenant_id, first_paid_at) VALUES (:encounter, :tenant, :at)
                    ON CONFLICT (encounter_id) DO UPDATE SET
                        first_paid_at = LEAST(COALESCE(encounter.first_paid_at, EXCLUDED.first_paid_at),
                                              EXCLUDED.first_paid_at)
                    """)
                    .param("encounter", entry.encounterId())
                    .param("tenant", entry.tenantId())
                    .param("at", ts(entry.occurredAt()))
                    .update();
        }
    }

    // the event's timeline row and its count in the minute the console takes it in (not when it occurred: a replay
    // of old events is work done now), written with the transaction's others just before it commits
    private void timeline(TimelineEntry e) {
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.timeline.add(new Object[] {
            e.eventId(),
            e.topic(),
            e.kind().name(),
            e.encounterId(),
            e.claimId(),
            e.tenantId(),
            ts(e.occurredAt()),
            e.summary(),
            e.codingVersion(),
            e.frequency(),
            e.denialStage(),
            e.denialCategory(),
            e.carcs(),
            e.payerId(),
            e.chargeAmount(),
            e.paidAmount(),
            e.patientResponsibility(),
            e.contractualAdjustment()
        });
        pending.minutes.merge(
                new Minute(e.topic(), ts(Instant.now().truncatedTo(ChronoUnit.MINUTES))), 1, Integer::sum);
    }

    private record Minute(String topic, Timestamp minute) {}

    /** A transaction's timeline rows and per-minute counts, written just before it commits. */
    private final class Pending implements TransactionSynchronization {

        private final List<Object[]> timeline = new ArrayList<>();
        private final Map<Minute, Integer> minutes = new LinkedHashMap<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            if (timeline.size() == 1) {
                batch.update(INSERT_TIMELINE, timeline.get(0));
            } else if (!timeline.isEmpty()) {
                batch.batchUpdate(INSERT_TIMELINE, timeline);
            }
            minutes.forEach((minute, events) -> batch.update(COUNT_MINUTE, minute.topic(), minute.minute(), events));
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(ReadModelWriter.this);
        }
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
