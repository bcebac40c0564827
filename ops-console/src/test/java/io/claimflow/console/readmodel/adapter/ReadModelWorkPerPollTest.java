package io.claimflow.console.readmodel.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.console.ConsoleEvents;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.schemas.Topics;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.StatementCounter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What PostgreSQL does for a poll of the read model's events (issue 22), so that the cost cannot creep back: a poll is
 * one transaction, with one statement per event for its encounter row and a fixed few for the poll (key locks, the
 * idempotency marks, the timeline rows, the per-minute count). Before the listeners were batched, 20 events were 20
 * transactions of 4 statements each (mark, timeline row, minute count, encounter row). A poll delivered again changes
 * nothing and costs no row.
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
        List<ConsumerRecord<String, EncounterDocumented>> records = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String encounter = "enc-poll-" + UUID.randomUUID();
            records.add(new ConsumerRecord<>(
                    Topics.ENCOUNTER_DOCUMENTED,
                    0,
                    i,
                    encounter,
                    ConsoleEvents.documented(tenant, encounter, Instant.now(), LocalDate.now())));
        }

        StatementCounter.Counts first = counter.count(() -> listeners.onDocumented(records));

        assertThat(timelineRows(tenant)).isEqualTo(EVENTS);
        assertThat(first.commits()).as("one transaction for the poll").isEqualTo(1);
        assertThat(first.statements())
                .as("the encounter rows, and for the poll: locks, marks, timeline rows, minute count")
                .isLessThanOrEqualTo(EVENTS + 4);

        StatementCounter.Counts again = counter.count(() -> listeners.onDocumented(records));

        assertThat(timelineRows(tenant))
                .as("a redelivered poll changes nothing")
                .isEqualTo(EVENTS);
        assertThat(again.commits()).isEqualTo(1);
        assertThat(again.statements()).as("locks and marks only").isLessThanOrEqualTo(2);
    }

    private int timelineRows(String tenant) {
        return jdbc.sql("SELECT count(*) FROM timeline_event WHERE tenant_id = :t")
                .param("t", tenant)
                .query(Integer.class)
                .single();
    }
}
