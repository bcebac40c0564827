package io.claimflow.console.readmodel.adapter;

import io.claimflow.console.readmodel.EventKind;
import io.claimflow.console.readmodel.TimelineEntry;
import io.claimflow.platform.jdbc.TransactionRows;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes each event into the read model: the timeline row, the encounter or claim row and the per-minute count commit
 * together with the event's idempotency mark, which the listener takes first ({@link EventListeners}: one mark per
 * event under {@link #consumer(EventKind)}, so a redelivered event changes nothing). Runs in the caller's
 * transaction, a poll's run of one topic.
 *
 * <p>Issue 22: PostgreSQL's cost follows the number of statements, so a transaction's writes are held and sent just
 * before it commits, set-based: its encounter or claim rows in one multi-row upsert per kind of event (a payment's
 * claim rows and its encounters' first payment together), its timeline rows and per-minute counts in one more. The
 * outcome is the one of writing each event in its turn: events of a kind go into layers in which no row is written
 * twice (an upsert cannot touch a row twice), a row's events in successive layers, in their order, one statement per
 * layer; nearly every run is one layer. What a held row could fail on by itself (a required column missing, an amount
 * too large for its column) is checked when it is handed in, so a bad event still fails alone, in its turn.
 */
@Component
class ReadModelWriter {

    private static final String CONSUMER = "ops-console.";
    private static final BigDecimal LARGEST_AMOUNT = new BigDecimal("9999999999.99"); // numeric(12, 2)

    private static final String TIMELINE_AND_MINUTES = """
            WITH timeline AS (
                INSERT INTO timeline_event (event_id, topic, kind, encounter_id, claim_id, tenant_id, occurred_at,
                    summary, coding_version, frequency, denial_stage, denial_category, carcs, payer_id, charge_amount,
                    paid_amount, patient_responsibility, contractual_adjustment)
                SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                    CAST(? AS text[]), CAST(? AS text[]), CAST(? AS timestamptz[]), CAST(? AS text[]),
                    CAST(? AS integer[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                    CAST(? AS text[]), CAST(? AS numeric[]), CAST(? AS numeric[]), CAST(? AS numeric[]),
                    CAST(? AS numeric[])))
            INSERT INTO topic_minute (topic, minute, events)
            SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS timestamptz[]), CAST(? AS integer[]))
            ON CONFLICT (topic, minute) DO UPDATE SET events = topic_minute.events + EXCLUDED.events
            """;

    private static final String DOCUMENTED = """
            INSERT INTO encounter (encounter_id, tenant_id, date_of_service, documented_at)
            SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS date[]), CAST(? AS timestamptz[]))
            ON CONFLICT (encounter_id) DO UPDATE SET date_of_service = EXCLUDED.date_of_service,
                documented_at = LEAST(encounter.documented_at, EXCLUDED.documented_at)
            """;

    private static final String CODED = """
            INSERT INTO encounter (encounter_id, tenant_id, date_of_service, coding_version)
            SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS date[]), CAST(? AS integer[]))
            ON CONFLICT (encounter_id) DO UPDATE SET
                coding_version = GREATEST(COALESCE(encounter.coding_version, 0), EXCLUDED.coding_version),
                date_of_service = COALESCE(encounter.date_of_service, EXCLUDED.date_of_service)
            """;

    private static final String SUBMITTED = """
            INSERT INTO claim (claim_id, encounter_id, tenant_id, patient_control_number, payer_id, payer_name,
                frequency, replaced_claim_id, coding_version, state, submitted_at, date_of_service, total_charge)
            SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS integer[]),
                CAST(? AS text[]), CAST(? AS timestamptz[]), CAST(? AS date[]), CAST(? AS numeric[]))
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
            """;

    private static final String BILLED_TO_PATIENT = """
            INSERT INTO claim (claim_id, encounter_id, tenant_id, patient_control_number, payer_id, payer_name,
                frequency, replaced_claim_id, coding_version, state, submitted_at, date_of_service, total_charge,
                patient_responsibility)
            SELECT claim_id, encounter_id, tenant_id, pcn, payer_id, payer_name, 'SELF_PAY', replaced, version,
                'BILLED_TO_PATIENT', at, dos, charge, charge
            FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS integer[]),
                CAST(? AS timestamptz[]), CAST(? AS date[]), CAST(? AS numeric[]))
                AS t (claim_id, encounter_id, tenant_id, pcn, payer_id, payer_name, replaced, version, at, dos, charge)
            ON CONFLICT (claim_id) DO UPDATE SET frequency = 'SELF_PAY', payer_id = EXCLUDED.payer_id,
                payer_name = EXCLUDED.payer_name, replaced_claim_id = EXCLUDED.replaced_claim_id,
                coding_version = EXCLUDED.coding_version,
                state = CASE WHEN claim.state IN ('REPLACED', 'VOIDED') THEN claim.state
                             ELSE 'BILLED_TO_PATIENT' END,
                submitted_at = EXCLUDED.submitted_at, date_of_service = EXCLUDED.date_of_service,
                total_charge = EXCLUDED.total_charge, patient_responsibility = EXCLUDED.patient_responsibility,
                patient_control_number = EXCLUDED.patient_control_number
            """;

    // the claims a layer's submissions replace (or void): distinct within a layer
    private static final String REPLACED = """
            UPDATE claim SET state = t.state
            FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS t (claim_id, state)
            WHERE claim.claim_id = t.claim_id
            """;

    private static final String DENIED = """
            INSERT INTO claim (claim_id, encounter_id, tenant_id, patient_control_number, payer_id, payer_name,
                frequency, coding_version, state, submitted_at, total_charge, denial_count, front_end_rejected,
                last_denial_category, last_denial_carcs, first_answer_at)
            SELECT claim_id, encounter_id, tenant_id, pcn, payer_id, payer_name, 'UNKNOWN', 0,
                CASE WHEN front_end THEN 'REJECTED' ELSE 'DENIED' END, at, charge, 1, front_end, category, carcs, at
            FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                CAST(? AS text[]), CAST(? AS text[]), CAST(? AS boolean[]), CAST(? AS timestamptz[]),
                CAST(? AS numeric[]), CAST(? AS text[]), CAST(? AS text[]))
                AS t (claim_id, encounter_id, tenant_id, pcn, payer_id, payer_name, front_end, at, charge, category,
                    carcs)
            ON CONFLICT (claim_id) DO UPDATE SET denial_count = claim.denial_count + 1,
                front_end_rejected = claim.front_end_rejected OR EXCLUDED.front_end_rejected,
                last_denial_category = EXCLUDED.last_denial_category,
                last_denial_carcs = EXCLUDED.last_denial_carcs,
                first_answer_at = LEAST(COALESCE(claim.first_answer_at, EXCLUDED.first_answer_at),
                                        EXCLUDED.first_answer_at),
                state = CASE WHEN claim.state IN ('REPLACED', 'VOIDED') THEN claim.state
                             WHEN claim.paid_amount > 0 THEN 'PARTIALLY_PAID'
                             WHEN EXCLUDED.front_end_rejected THEN 'REJECTED' ELSE 'DENIED' END
            """;

    private static final String RECODE_REQUESTED = """
            UPDATE claim SET state = 'RECODE_REQUESTED'
            WHERE claim_id = ANY (CAST(? AS text[])) AND state NOT IN ('REPLACED', 'VOIDED')
            """;

    private static final String PAID = """
            INSERT INTO claim (claim_id, encounter_id, tenant_id, patient_control_number, payer_id, payer_name,
                frequency, coding_version, state, submitted_at, total_charge, paid_amount, patient_responsibility,
                contractual_adjustment, first_answer_at, last_paid_at)
            SELECT claim_id, encounter_id, tenant_id, pcn, payer_id, payer_name, 'UNKNOWN', 0,
                CASE WHEN paid <= 0 AND patient <= 0 THEN 'DENIED' ELSE 'PAID' END,
                at, charge, paid, patient, contractual, at, at
            FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                CAST(? AS text[]), CAST(? AS text[]), CAST(? AS timestamptz[]), CAST(? AS numeric[]),
                CAST(? AS numeric[]), CAST(? AS numeric[]), CAST(? AS numeric[]))
                AS t (claim_id, encounter_id, tenant_id, pcn, payer_id, payer_name, at, charge, paid, patient,
                    contractual)
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
            """;

    // the first layer of payments also sets their encounters' first payment (the earliest, whatever the order)
    private static final String PAID_AND_FIRST_PAID = """
            WITH first_paid AS (
                INSERT INTO encounter (encounter_id, tenant_id, first_paid_at)
                SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS timestamptz[]))
                ON CONFLICT (encounter_id) DO UPDATE SET
                    first_paid_at = LEAST(COALESCE(encounter.first_paid_at, EXCLUDED.first_paid_at),
                                          EXCLUDED.first_paid_at))
            """ + PAID;

    private final JdbcClient jdbc;
    private final TransactionRows<Change> changes = new TransactionRows<>(this::write);
    private final TransactionRows<TimelineRow> timeline = new TransactionRows<>(this::writeTimeline);

    ReadModelWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The consumer id the events of {@code kind} are marked under (the ids the console has always used). */
    static String consumer(EventKind kind) {
        return CONSUMER + kind.name().toLowerCase(Locale.ROOT);
    }

    @Transactional
    public void documented(TimelineEntry entry, LocalDate dateOfService) {
        checked(entry);
        changes.add(new Documented(entry, dateOfService));
        timeline(entry);
    }

    @Transactional
    public void coded(TimelineEntry entry, LocalDate dateOfService) {
        checked(entry);
        changes.add(new Coded(entry, dateOfService));
        timeline(entry);
    }

    /**
     * A claim's submission. The same claim id submitted again (a front-end rejected claim corrected and released) is
     * SUBMITTED again and keeps its first submission time (its KPI period); a submission that arrives after its own
     * answer (the row {@link #denied} or {@link #paymentPosted} made, frequency UNKNOWN) keeps the state the answer
     * gave. The claim it replaces is REPLACED (VOIDED by a void).
     */
    @Transactional
    public void submitted(TimelineEntry entry, EventMapping.Submission submission) {
        checked(entry);
        claimColumns(entry, submission.payerName());
        required(entry.frequency(), "frequency");
        required(entry.codingVersion(), "coding version");
        required(entry.chargeAmount(), "total charge");
        changes.add(new Submitted(entry, submission));
        timeline(entry);
    }

    /**
     * A self-pay claim billed to the patient: no payer, the whole charge the patient's. Its frequency is SELF_PAY
     * (nothing went to a payer), so the payer KPIs and the insurance A/R leave it out. The claim it replaces (the visit
     * was recoded) is REPLACED.
     */
    @Transactional
    public void billedToPatient(TimelineEntry entry, EventMapping.Submission billing) {
        checked(entry);
        claimColumns(entry, billing.payerName());
        required(entry.codingVersion(), "coding version");
        required(entry.chargeAmount(), "total charge");
        changes.add(new BilledToPatient(entry, billing));
        timeline(entry);
    }

    /**
     * A denial, on the claim's row or on a row it makes when the denial overtook its submission (frequency UNKNOWN,
     * kept by {@link #submitted}).
     */
    @Transactional
    public void denied(TimelineEntry entry, String payerName, String patientControlNumber) {
        checked(entry);
        claimColumns(entry, payerName);
        changes.add(new Denied(entry, payerName, patientControlNumber));
        timeline(entry);
    }

    @Transactional
    public void recodeRequested(TimelineEntry entry) {
        checked(entry);
        changes.add(new RecodeRequested(entry));
        timeline(entry);
    }

    /**
     * A payment, on the claim's row or on a row it makes when the payment overtook its submission (frequency UNKNOWN,
     * kept by {@link #submitted}); a payment of more than nothing also sets its encounter's first payment.
     */
    @Transactional
    public void paymentPosted(TimelineEntry entry, String payerName, String patientControlNumber) {
        checked(entry);
        claimColumns(entry, payerName);
        required(entry.paidAmount(), "paid amount");
        required(entry.patientResponsibility(), "patient responsibility");
        required(entry.contractualAdjustment(), "contractual adjustment");
        changes.add(new PaymentPosted(entry, payerName, patientControlNumber));
        timeline(entry);
    }

    // the event's timeline row and its count in the minute the console takes it in (not when it occurred: a replay
    // of old events is work done now), written with the transaction's others just before it commits
    private void timeline(TimelineEntry e) {
        timeline.add(new TimelineRow(e, Instant.now().truncatedTo(ChronoUnit.MINUTES)));
    }

    // what the timeline row needs of the event, checked before anything is held
    private static void checked(TimelineEntry e) {
        required(e.eventId(), "event id");
        required(e.topic(), "topic");
        required(e.encounterId(), "encounter id");
        required(e.tenantId(), "tenant id");
        required(e.occurredAt(), "occurrence time");
        required(e.summary(), "summary");
        amount(e.chargeAmount(), "charge amount");
        amount(e.paidAmount(), "paid amount");
        amount(e.patientResponsibility(), "patient responsibility");
        amount(e.contractualAdjustment(), "contractual adjustment");
    }

    // what every claim row needs of the event
    private static void claimColumns(TimelineEntry e, String payerName) {
        required(e.claimId(), "claim id");
        required(e.payerId(), "payer id");
        required(payerName, "payer name");
    }

    private static void required(Object value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("the event has no " + what);
        }
    }

    private static void amount(BigDecimal value, String what) {
        if (value != null && value.setScale(2, RoundingMode.HALF_UP).abs().compareTo(LARGEST_AMOUNT) > 0) {
            throw new IllegalArgumentException("the event's " + what + " is too large: " + value.toPlainString());
        }
    }

    private void writeTimeline(List<TimelineRow> rows) {
        Map<List<Object>, Integer> minutes = new LinkedHashMap<>();
        for (TimelineRow row : rows) {
            minutes.merge(List.of(row.entry().topic(), row.minute()), 1, Integer::sum);
        }
        List<List<Object>> minuteKeys = new ArrayList<>(minutes.keySet());
        jdbc.sql(TIMELINE_AND_MINUTES)
                .params(
                        column(rows, r -> r.entry().eventId()),
                        column(rows, r -> r.entry().topic()),
                        column(rows, r -> r.entry().kind().name()),
                        column(rows, r -> r.entry().encounterId()),
                        column(rows, r -> r.entry().claimId()),
                        column(rows, r -> r.entry().tenantId()),
                        column(rows, r -> r.entry().occurredAt()),
                        column(rows, r -> r.entry().summary()),
                        column(rows, r -> r.entry().codingVersion()),
                        column(rows, r -> r.entry().frequency()),
                        column(rows, r -> r.entry().denialStage()),
                        column(rows, r -> r.entry().denialCategory()),
                        column(rows, r -> r.entry().carcs()),
                        column(rows, r -> r.entry().payerId()),
                        column(rows, r -> r.entry().chargeAmount()),
                        column(rows, r -> r.entry().paidAmount()),
                        column(rows, r -> r.entry().patientResponsibility()),
                        column(rows, r -> r.entry().contractualAdjustment()),
                        column(minuteKeys, k -> k.get(0)),
                        column(minuteKeys, k -> k.get(1)),
                        column(minuteKeys, minutes::get))
                .update();
    }

    // a transaction's changes, in their order: each stretch of one kind (a whole run of a poll) set-based
    private void write(List<Change> all) {
        int start = 0;
        while (start < all.size()) {
            Class<?> kind = all.get(start).getClass();
            int end = start + 1;
            while (end < all.size() && all.get(end).getClass() == kind) {
                end++;
            }
            List<Change> stretch = all.subList(start, end);
            Change first = stretch.get(0);
            if (first instanceof Documented) {
                layers(stretch, Documented.class).forEach(this::writeDocumented);
            } else if (first instanceof Coded) {
                layers(stretch, Coded.class).forEach(this::writeCoded);
            } else if (first instanceof Submitted) {
                layers(stretch, Submitted.class).forEach(this::writeSubmitted);
            } else if (first instanceof BilledToPatient) {
                layers(stretch, BilledToPatient.class).forEach(this::writeBilledToPatient);
            } else if (first instanceof Denied) {
                layers(stretch, Denied.class).forEach(this::writeDenied);
            } else if (first instanceof RecodeRequested) {
                writeRecodeRequested(stretch);
            } else {
                writePaymentsPosted(layers(stretch, PaymentPosted.class));
            }
            start = end;
        }
    }

    /**
     * {@code changes} in layers, in their order, such that no layer writes a row twice: a change goes into the layer
     * after the last one holding a change of any of its rows. One statement per layer, a layer after another, writes
     * each row's changes in their order, as one statement per change would.
     */
    static <C extends Change> List<List<C>> layers(List<Change> changes, Class<C> type) {
        Map<String, Integer> lastLayer = new HashMap<>();
        List<List<C>> layers = new ArrayList<>();
        for (Change change : changes) {
            int layer = 0;
            for (String row : change.rows()) {
                Integer last = lastLayer.get(row);
                if (last != null) {
                    layer = Math.max(layer, last + 1);
                }
            }
            for (String row : change.rows()) {
                lastLayer.put(row, layer);
            }
            if (layer == layers.size()) {
                layers.add(new ArrayList<>());
            }
            layers.get(layer).add(type.cast(change));
        }
        return layers;
    }

    private void writeDocumented(List<Documented> rows) {
        jdbc.sql(DOCUMENTED)
                .params(
                        column(rows, r -> r.entry().encounterId()),
                        column(rows, r -> r.entry().tenantId()),
                        column(rows, Documented::dateOfService),
                        column(rows, r -> r.entry().occurredAt()))
                .update();
    }

    private void writeCoded(List<Coded> rows) {
        jdbc.sql(CODED)
                .params(
                        column(rows, r -> r.entry().encounterId()),
                        column(rows, r -> r.entry().tenantId()),
                        column(rows, Coded::dateOfService),
                        column(rows, r -> r.entry().codingVersion()))
                .update();
    }

    private void writeSubmitted(List<Submitted> rows) {
        jdbc.sql(SUBMITTED)
                .params(
                        column(rows, r -> r.entry().claimId()),
                        column(rows, r -> r.entry().encounterId()),
                        column(rows, r -> r.entry().tenantId()),
                        column(rows, r -> r.submission().patientControlNumber()),
                        column(rows, r -> r.entry().payerId()),
                        column(rows, r -> r.submission().payerName()),
                        column(rows, r -> r.entry().frequency()),
                        column(rows, r -> r.submission().replacedClaimId()),
                        column(rows, r -> r.entry().codingVersion()),
                        column(rows, r -> r.isVoid() ? "VOIDED" : "SUBMITTED"),
                        column(rows, r -> r.entry().occurredAt()),
                        column(rows, r -> r.submission().dateOfService()),
                        column(rows, r -> r.entry().chargeAmount()))
                .update();
        List<Submitted> replacing = rows.stream()
                .filter(r -> r.submission().replacedClaimId() != null)
                .toList();
        replaced(replacing, r -> r.submission().replacedClaimId(), r -> r.isVoid() ? "VOIDED" : "REPLACED");
    }

    private void writeBilledToPatient(List<BilledToPatient> rows) {
        jdbc.sql(BILLED_TO_PATIENT)
                .params(
                        column(rows, r -> r.entry().claimId()),
                        column(rows, r -> r.entry().encounterId()),
                        column(rows, r -> r.entry().tenantId()),
                        column(rows, r -> r.billing().patientControlNumber()),
                        column(rows, r -> r.entry().payerId()),
                        column(rows, r -> r.billing().payerName()),
                        column(rows, r -> r.billing().replacedClaimId()),
                        column(rows, r -> r.entry().codingVersion()),
                        column(rows, r -> r.entry().occurredAt()),
                        column(rows, r -> r.billing().dateOfService()),
                        column(rows, r -> r.entry().chargeAmount()))
                .update();
        List<BilledToPatient> replacing =
                rows.stream().filter(r -> r.billing().replacedClaimId() != null).toList();
        replaced(replacing, r -> r.billing().replacedClaimId(), r -> "REPLACED");
    }

    private <C> void replaced(List<C> rows, Function<C, String> replacedClaim, Function<C, String> state) {
        if (!rows.isEmpty()) {
            jdbc.sql(REPLACED)
                    .params(column(rows, replacedClaim), column(rows, state))
                    .update();
        }
    }

    private void writeDenied(List<Denied> rows) {
        jdbc.sql(DENIED)
                .params(
                        column(rows, r -> r.entry().claimId()),
                        column(rows, r -> r.entry().encounterId()),
                        column(rows, r -> r.entry().tenantId()),
                        column(rows, Denied::patientControlNumber),
                        column(rows, r -> r.entry().payerId()),
                        column(rows, Denied::payerName),
                        column(rows, r -> "FRONT_END_REJECTION".equals(r.entry().denialStage())),
                        column(rows, r -> r.entry().occurredAt()),
                        column(rows, r -> EventMapping.zeroIfNull(r.entry().chargeAmount())),
                        column(rows, r -> r.entry().denialCategory()),
                        column(rows, r -> r.entry().carcs()))
                .update();
    }

    // marking a claim twice is marking it once: one statement for the stretch
    private void writeRecodeRequested(List<Change> rows) {
        Set<String> claims = new LinkedHashSet<>();
        rows.forEach(r -> claims.add(r.entry().claimId()));
        jdbc.sql(RECODE_REQUESTED).param(claims.toArray(String[]::new)).update();
    }

    private void writePaymentsPosted(List<List<PaymentPosted>> layers) {
        // an encounter's first payment is the earliest of its payments of more than nothing, in any order
        Map<String, PaymentPosted> firstPaid = new LinkedHashMap<>();
        for (List<PaymentPosted> layer : layers) {
            for (PaymentPosted p : layer) {
                if (p.entry().paidAmount().signum() > 0) {
                    firstPaid.merge(
                            p.entry().encounterId(),
                            p,
                            (a, b) -> b.entry().occurredAt().isBefore(a.entry().occurredAt()) ? b : a);
                }
            }
        }
        List<PaymentPosted> encounters = new ArrayList<>(firstPaid.values());
        for (int i = 0; i < layers.size(); i++) {
            List<PaymentPosted> rows = layers.get(i);
            List<Object> params = new ArrayList<>();
            if (i == 0) {
                params.add(column(encounters, r -> r.entry().encounterId()));
                params.add(column(encounters, r -> r.entry().tenantId()));
                params.add(column(encounters, r -> r.entry().occurredAt()));
            }
            params.add(column(rows, r -> r.entry().claimId()));
            params.add(column(rows, r -> r.entry().encounterId()));
            params.add(column(rows, r -> r.entry().tenantId()));
            params.add(column(rows, PaymentPosted::patientControlNumber));
            params.add(column(rows, r -> r.entry().payerId()));
            params.add(column(rows, PaymentPosted::payerName));
            params.add(column(rows, r -> r.entry().occurredAt()));
            params.add(column(rows, r -> EventMapping.zeroIfNull(r.entry().chargeAmount())));
            params.add(column(rows, r -> r.entry().paidAmount()));
            params.add(column(rows, r -> r.entry().patientResponsibility()));
            params.add(column(rows, r -> r.entry().contractualAdjustment()));
            jdbc.sql(i == 0 ? PAID_AND_FIRST_PAID : PAID).params(params).update();
        }
    }

    // one column of a multi-row statement, as text for CAST(? AS type[]): exact amounts, ISO times and dates
    private static <C> String[] column(List<C> rows, Function<? super C, ?> value) {
        String[] column = new String[rows.size()];
        for (int i = 0; i < column.length; i++) {
            Object v = value.apply(rows.get(i));
            column[i] = v == null ? null : v instanceof BigDecimal amount ? amount.toPlainString() : v.toString();
        }
        return column;
    }

    private record TimelineRow(TimelineEntry entry, Instant minute) {}

    /** An event's change of its encounter or claim row, held until the transaction commits. */
    sealed interface Change {

        TimelineEntry entry();

        /** The rows it writes: its encounter's or claim's (and the claim it replaces). */
        default List<String> rows() {
            return List.of(entry().claimId());
        }
    }

    private record Documented(TimelineEntry entry, LocalDate dateOfService) implements Change {
        @Override
        public List<String> rows() {
            return List.of(entry.encounterId());
        }
    }

    private record Coded(TimelineEntry entry, LocalDate dateOfService) implements Change {
        @Override
        public List<String> rows() {
            return List.of(entry.encounterId());
        }
    }

    private record Submitted(TimelineEntry entry, EventMapping.Submission submission) implements Change {
        boolean isVoid() {
            return "VOID".equals(entry.frequency());
        }

        @Override
        public List<String> rows() {
            return submission.replacedClaimId() == null
                    ? List.of(entry.claimId())
                    : List.of(entry.claimId(), submission.replacedClaimId());
        }
    }

    private record BilledToPatient(TimelineEntry entry, EventMapping.Submission billing) implements Change {
        @Override
        public List<String> rows() {
            return billing.replacedClaimId() == null
                    ? List.of(entry.claimId())
                    : List.of(entry.claimId(), billing.replacedClaimId());
        }
    }

    private record Denied(TimelineEntry entry, String payerName, String patientControlNumber) implements Change {}

    private record RecodeRequested(TimelineEntry entry) implements Change {}

    private record PaymentPosted(TimelineEntry entry, String payerName, String patientControlNumber)
            implements Change {}
}
