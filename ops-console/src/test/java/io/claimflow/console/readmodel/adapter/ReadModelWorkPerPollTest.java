package io.claimflow.console.readmodel.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.claimflow.console.ConsoleEvents;
import io.claimflow.events.ClaimDenied;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.DenialCategory;
import io.claimflow.events.DenialStage;
import io.claimflow.events.EncounterCoded;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.events.RecodeRequested;
import io.claimflow.schemas.Topics;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.StatementCounter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * What PostgreSQL does for a poll of the read model's events (issue 22), so that the cost cannot creep back: a poll's
 * run of one topic's records is one transaction of four statements, whatever its size: the key locks, the idempotency
 * marks, the encounter or claim rows (a payment's claim rows with their encounters' first payment) and the timeline
 * rows with the per-minute counts. Before the listeners were batched, 20 events were 20 transactions of 4 statements
 * each (mark, timeline row, minute count, encounter row); before the rows were written set-based, a run was a
 * statement per event (a payment two) and six more. A poll delivered again changes nothing and costs no row; a poll
 * with several events of one encounter or claim ends as the same events taken one by one do.
 */
@SpringBootTest(properties = "spring.kafka.listener.auto-startup=false")
@ClaimFlowInfrastructure(database = "claimflow_console")
@Import(StatementCounter.class)
class ReadModelWorkPerPollTest {

    private static final int EVENTS = 20;

    @Autowired
    EventListeners listeners;

    @Autowired
    StatementCounter counter;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPollOfTwentyDocumentedEncountersIsOneTransactionOfFourStatements() {
        String tenant = "t-poll-" + UUID.randomUUID();
        List<ConsumerRecord<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String encounter = "enc-poll-" + UUID.randomUUID();
            records.add(new ConsumerRecord<>(
                    Topics.ENCOUNTER_DOCUMENTED,
                    0,
                    i,
                    encounter,
                    ConsoleEvents.documented(tenant, encounter, Instant.now(), LocalDate.now())));
        }

        StatementCounter.Counts first = counter.count(() -> listeners.on(records));

        assertThat(timelineRows(tenant)).isEqualTo(EVENTS);
        assertThat(first.commits()).as("one transaction for the poll").isEqualTo(1);
        assertThat(first.statements())
                .as("locks, marks, the encounter rows, the timeline rows with the minute count")
                .isLessThanOrEqualTo(4);

        StatementCounter.Counts again = counter.count(() -> listeners.on(records));

        assertThat(timelineRows(tenant))
                .as("a redelivered poll changes nothing")
                .isEqualTo(EVENTS);
        assertThat(again.commits()).isEqualTo(1);
        assertThat(again.statements()).as("locks and marks only, one statement").isEqualTo(1);
    }

    @Test
    void aPollOfClaimsAndTheirPaymentsIsATransactionPerTopicOfFourStatements() {
        String tenant = "t-poll-" + UUID.randomUUID();
        int claims = EVENTS / 2;
        List<ConsumerRecord<String, Object>> records = new ArrayList<>();
        Instant at = Instant.now();
        List<String> ids = new ArrayList<>();
        List<String> encounters = new ArrayList<>();
        for (int i = 0; i < claims; i++) {
            String encounter = "enc-poll-" + UUID.randomUUID();
            String claim = "clm-poll-" + UUID.randomUUID();
            ids.add(claim);
            encounters.add(encounter);
            // half the payments overtake their claim's submission (it comes in a later poll, or never)
            if (i % 2 == 0) {
                records.add(new ConsumerRecord<>(
                        Topics.CLAIM_SUBMITTED,
                        0,
                        i,
                        encounter,
                        ConsoleEvents.submitted(
                                tenant, encounter, claim, at, LocalDate.now(), "100.00", null, "PAYER-1")));
            }
        }
        int submitted = records.size();
        for (int i = 0; i < claims; i++) {
            String claim = ids.get(i);
            String encounter = encounters.get(i);
            records.add(new ConsumerRecord<>(
                    Topics.PAYMENT_POSTED,
                    0,
                    i,
                    encounter,
                    ConsoleEvents.paid(
                            tenant,
                            encounter,
                            claim,
                            at.plusSeconds(60),
                            "100.00",
                            "70.00",
                            "10.00",
                            "20.00",
                            "PAYER-1")));
        }

        StatementCounter.Counts counts = counter.count(() -> listeners.on(records));

        assertThat(timelineRows(tenant)).isEqualTo(submitted + claims);
        assertThat(counts.commits())
                .as("a transaction per topic's run of the poll")
                .isEqualTo(2);
        assertThat(counts.statements())
                .as("per run: locks, marks, the claim rows (a payment's with its encounter's first payment), the"
                        + " timeline rows with the minute count")
                .isLessThanOrEqualTo(8);
        for (int i = 0; i < claims; i++) {
            Map<String, Object> row = jdbc.sql("SELECT state, frequency, paid_amount, patient_responsibility,"
                            + " contractual_adjustment, first_answer_at IS NOT NULL AS answered FROM claim"
                            + " WHERE claim_id = :c")
                    .param("c", ids.get(i))
                    .query()
                    .singleRow();
            assertThat(row.get("state")).isEqualTo("PAID");
            assertThat(row.get("frequency")).isEqualTo(i % 2 == 0 ? "ORIGINAL" : "UNKNOWN");
            assertThat((BigDecimal) row.get("paid_amount")).isEqualByComparingTo("70.00");
            assertThat((BigDecimal) row.get("patient_responsibility")).isEqualByComparingTo("10.00");
            assertThat((BigDecimal) row.get("contractual_adjustment")).isEqualByComparingTo("20.00");
            assertThat(row.get("answered")).isEqualTo(true);
        }
    }

    @Test
    void aPollWithSeveralEventsOfAnEncounterAndItsClaimsEndsAsTheEventsOneByOne() {
        Instant at = Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.MILLIS);
        String together = "t-poll-" + UUID.randomUUID();
        String oneByOne = "t-poll-" + UUID.randomUUID();
        String p = "poll-" + UUID.randomUUID() + "-";
        String q = "poll-" + UUID.randomUUID() + "-";

        listeners.on(scenario(together, p, at));
        for (ConsumerRecord<String, Object> record : scenario(oneByOne, q, at)) {
            listeners.on(List.of(record));
        }

        assertThat(claims(together, p)).isEqualTo(claims(oneByOne, q)).hasSize(3);
        assertThat(encounter(together)).isEqualTo(encounter(oneByOne));
        assertThat(steps(p)).isEqualTo(steps(q));
        assertThat(timelineRows(together)).isEqualTo(timelineRows(oneByOne)).isEqualTo(18);
        // and what one by one gives, spelled out
        Map<String, Object> replacement = claims(together, p).get(1);
        assertThat(replacement.get("claim")).isEqualTo("B");
        assertThat(replacement.get("state")).isEqualTo("RECODE_REQUESTED");
        assertThat((BigDecimal) replacement.get("paid_amount")).isEqualByComparingTo("80.00");
        assertThat(replacement.get("denial_count")).isEqualTo(2);
        assertThat(claims(together, p).get(0).get("state")).isEqualTo("REPLACED");
        assertThat(claims(together, p).get(2).get("frequency")).isEqualTo("ORIGINAL");
        assertThat((BigDecimal) claims(together, p).get(2).get("paid_amount")).isEqualByComparingTo("50.00");
        Map<String, Object> encounter = encounter(together);
        assertThat(encounter.get("coding_version")).isEqualTo(2);
        assertThat(encounter.get("date_of_service")).isEqualTo(java.sql.Date.valueOf(LocalDate.parse("2026-02-02")));
    }

    @Test
    void aBadEventOfARunFailsInItsTurnAndTheEventsBeforeItCommit() {
        String tenant = "t-poll-" + UUID.randomUUID();
        Instant at = Instant.now();
        List<ConsumerRecord<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String encounter = "enc-poll-" + UUID.randomUUID();
            String claim = "clm-poll-" + UUID.randomUUID();
            // the second pays more than its claim row can hold: it cannot be written
            String paid = i == 1 ? "100000000000.00" : "70.00";
            records.add(new ConsumerRecord<>(
                    Topics.PAYMENT_POSTED,
                    0,
                    i,
                    encounter,
                    ConsoleEvents.paid(tenant, encounter, claim, at, "100.00", paid, "10.00", "20.00", "PAYER-1")));
        }

        Supplier<BatchListenerFailedException> poll =
                () -> catchThrowableOfType(BatchListenerFailedException.class, () -> listeners.on(records));
        StatementCounter.Counted<BatchListenerFailedException> failed = counter.count(poll);

        assertThat(failed.result().getRecord()).isSameAs(records.get(1));
        assertThat(timelineRows(tenant))
                .as("the payment before it committed, the one after it did not")
                .isEqualTo(1);
        assertThat(failed.counts().statements())
                .as("it fails when handed in (after locks and marks), then the one before it commits alone (4);"
                        + " were it found only at the commit, each record after it would cost a failed try")
                .isLessThanOrEqualTo(6);
    }

    // one encounter documented twice and coded three times (a late duplicate of version 1); its claim A submitted,
    // submitted again and replaced by B; B rejected and denied, paid twice and asked to recode twice; A paid nothing;
    // C paid before its submission arrives, then paid again
    private static List<ConsumerRecord<String, Object>> scenario(String tenant, String p, Instant at) {
        String enc = p + "enc";
        String a = p + "A";
        String b = p + "B";
        String c = p + "C";
        LocalDate dos = LocalDate.parse("2026-02-01");
        List<Object> events = List.of(
                ConsoleEvents.documented(tenant, enc, at, dos),
                ConsoleEvents.documented(tenant, enc, at.minusSeconds(10), LocalDate.parse("2026-02-02")),
                ConsoleEvents.coded(tenant, enc, at.plusSeconds(60), dos, 1),
                ConsoleEvents.coded(tenant, enc, at.plusSeconds(120), dos, 2),
                ConsoleEvents.coded(tenant, enc, at.plusSeconds(180), dos, 1),
                ConsoleEvents.submitted(tenant, enc, a, at.plusSeconds(240), dos, "100.00", null, "PAYER-1"),
                ConsoleEvents.submitted(tenant, enc, a, at.plusSeconds(300), dos, "100.00", null, "PAYER-1"),
                ConsoleEvents.submitted(tenant, enc, b, at.plusSeconds(360), dos, "120.00", a, "PAYER-1"),
                ConsoleEvents.denied(
                        tenant,
                        enc,
                        b,
                        at.plusSeconds(420),
                        "120.00",
                        DenialStage.FRONT_END_REJECTION,
                        DenialCategory.MISSING_INFORMATION,
                        "16",
                        "PAYER-1"),
                ConsoleEvents.denied(
                        tenant,
                        enc,
                        b,
                        at.plusSeconds(480),
                        "120.00",
                        DenialStage.ADJUDICATED,
                        DenialCategory.MEDICAL_NECESSITY,
                        "50",
                        "PAYER-1"),
                ConsoleEvents.paid(tenant, enc, b, at.plusSeconds(540), "120.00", "50.00", "10.00", "20.00", "PAYER-1"),
                ConsoleEvents.paid(tenant, enc, b, at.plusSeconds(600), "120.00", "30.00", "0.00", "0.00", "PAYER-1"),
                ConsoleEvents.paid(tenant, enc, a, at.plusSeconds(660), "100.00", "0.00", "0.00", "0.00", "PAYER-1"),
                ConsoleEvents.paid(tenant, enc, c, at.plusSeconds(720), "90.00", "40.00", "0.00", "50.00", "PAYER-1"),
                ConsoleEvents.recode(tenant, enc, b, at.plusSeconds(780)),
                ConsoleEvents.recode(tenant, enc, b, at.plusSeconds(840)),
                ConsoleEvents.submitted(tenant, enc, c, at.plusSeconds(30), dos, "90.00", null, "PAYER-1"),
                ConsoleEvents.paid(tenant, enc, c, at.plusSeconds(900), "90.00", "10.00", "0.00", "0.00", "PAYER-1"));
        List<ConsumerRecord<String, Object>> records = new ArrayList<>();
        for (Object event : events) {
            records.add(new ConsumerRecord<>(topic(event), 0, records.size(), enc, event));
        }
        return records;
    }

    private static String topic(Object event) {
        if (event instanceof EncounterDocumented) {
            return Topics.ENCOUNTER_DOCUMENTED;
        } else if (event instanceof EncounterCoded) {
            return Topics.ENCOUNTER_CODED;
        } else if (event instanceof ClaimSubmitted) {
            return Topics.CLAIM_SUBMITTED;
        } else if (event instanceof ClaimDenied) {
            return Topics.CLAIM_DENIED;
        } else if (event instanceof RecodeRequested) {
            return Topics.RECODE_REQUESTED;
        }
        return Topics.PAYMENT_POSTED;
    }

    // a tenant's claims, their ids without the scenario's prefix
    private List<Map<String, Object>> claims(String tenant, String prefix) {
        return jdbc.sql("""
                        SELECT substr(claim_id, :n) AS claim, substr(replaced_claim_id, :n) AS replaced,
                            substr(encounter_id, :n) AS encounter, replace(patient_control_number, :p, '') AS pcn,
                            payer_id, payer_name, frequency, coding_version, state, submitted_at, date_of_service,
                            total_charge, paid_amount, patient_responsibility, contractual_adjustment, denial_count,
                            front_end_rejected, last_denial_category, last_denial_carcs, first_answer_at, last_paid_at
                        FROM claim WHERE tenant_id = :t ORDER BY claim_id""")
                .param("n", prefix.length() + 1)
                .param("p", prefix)
                .param("t", tenant)
                .query()
                .listOfRows();
    }

    private Map<String, Object> encounter(String tenant) {
        return jdbc.sql("SELECT date_of_service, documented_at, coding_version, first_paid_at FROM encounter"
                        + " WHERE tenant_id = :t")
                .param("t", tenant)
                .query()
                .singleRow();
    }

    // the A/R series' steps of a scenario's claims (kept by triggers on claim and timeline_event)
    private List<Map<String, Object>> steps(String prefix) {
        return jdbc.sql("SELECT substr(claim_id, :n) AS claim, day, service_date, delta FROM ar_claim_step"
                        + " WHERE claim_id LIKE :like ORDER BY 1, 2, 3")
                .param("n", prefix.length() + 1)
                .param("like", prefix + "%")
                .query()
                .listOfRows();
    }

    private int timelineRows(String tenant) {
        return jdbc.sql("SELECT count(*) FROM timeline_event WHERE tenant_id = :t")
                .param("t", tenant)
                .query(Integer.class)
                .single();
    }
}
