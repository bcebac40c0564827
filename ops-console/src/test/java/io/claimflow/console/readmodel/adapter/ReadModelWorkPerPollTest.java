package io.claimflow.console.readmodel.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.console.ConsoleEvents;
import io.claimflow.schemas.Topics;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.StatementCounter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What PostgreSQL does for a poll of the read model's events (issue 22), so that the cost cannot creep back: a poll's
 * run of one topic's records is one transaction, with one statement per event for its encounter or claim row (a
 * payment: its claim row, and its encounter's first payment) and a fixed few for the run (key locks, the idempotency
 * marks, the timeline rows, the per-minute count). Before the listeners were batched, 20 events were 20 transactions
 * of 4 statements each (mark, timeline row, minute count, encounter row); before a payment was one upsert, it was an
 * insert that did nothing and an update. A poll delivered again changes nothing and costs no row.
 */
@SpringBootTest(properties = "spring.kafka.listener.auto-startup=false")
@ClaimFlowInfrastructure(database = "claimflow_console")
class ReadModelWorkPerPollTest {

    private static final int EVENTS = 20;

    @TestConfiguration
    static class Counting {

        @Bean
        static StatementCounter statementCounter() {
            return new StatementCounter();
        }
    }

    @Autowired
    EventListeners listeners;

    @Autowired
    StatementCounter counter;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPollOfTwentyDocumentedEncountersIsOneTransactionOfAStatementPerEventAndAFewMore() {
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
                .as("the encounter rows, and for the poll: locks, marks, timeline rows, minute count")
                .isLessThanOrEqualTo(EVENTS + 4);

        StatementCounter.Counts again = counter.count(() -> listeners.on(records));

        assertThat(timelineRows(tenant))
                .as("a redelivered poll changes nothing")
                .isEqualTo(EVENTS);
        assertThat(again.commits()).isEqualTo(1);
        assertThat(again.statements()).as("locks and marks only").isLessThanOrEqualTo(2);
    }

    @Test
    void aPollOfClaimsAndTheirPaymentsIsATransactionPerTopicAndOneUpsertPerPaymentsClaim() {
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
                .as("a claim row per submission; per payment its claim row and its encounter's first payment; "
                        + "per run: locks, marks, timeline rows, minute count")
                .isLessThanOrEqualTo(submitted + 2 * claims + 8);
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

    private int timelineRows(String tenant) {
        return jdbc.sql("SELECT count(*) FROM timeline_event WHERE tenant_id = :t")
                .param("t", tenant)
                .query(Integer.class)
                .single();
    }
}
