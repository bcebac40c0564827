package io.claimflow.coding.pipeline.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.events.EncounterDocumented;
import io.claimflow.schemas.json.Samples;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.StatementCounter;
import java.time.Instant;
import java.time.LocalDate;
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
 * What PostgreSQL does to code one documented encounter (issue 22), so that the cost cannot creep back. Once an
 * encounter with the same codes was coded, another one on another date of service reads no code set (the rows are
 * kept with their dates), and a new encounter is stored without a locking read first (there is no row to lock).
 * Before (946b43f): 23 statements for such an encounter (the same 8, the locking read, and 14 code-set lookups for
 * the new date).
 */
@SpringBootTest(
        properties = {"spring.kafka.listener.auto-startup=false", "claimflow.coding.code-set-check-interval=1h"})
@ClaimFlowInfrastructure(database = "claimflow_coding")
class CodingWorkPerEncounterTest {

    /**
     * For a poll of one new encounter whose codes are known: the poll's key lock and idempotency mark, its patient's
     * history read, its history insert, the encounter stored with its outcome (one upsert; an insert and a state
     * update before, 8 statements), its coding version and its outbox row: one transaction.
     */
    static final int STATEMENTS_PER_NEW_ENCOUNTER = 7;

    @TestConfiguration
    static class Counting {

        @Bean
        static StatementCounter statementCounter() {
            return new StatementCounter();
        }
    }

    @Autowired
    EncounterDocumentedListener listener;

    @Autowired
    StatementCounter counter;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anEncounterWithKnownCodesOnANewDateReadsNoCodeSetAndNoEncounterBeforeStoringIt() {
        listener.on(records(sample(LocalDate.of(2026, 2, 3)))); // the codes become known

        EncounterDocumented next = sample(LocalDate.of(2026, 2, 4));
        StatementCounter.Counts counts = counter.count(() -> listener.on(records(next)));

        assertThat(version(next.getEncounterId())).isEqualTo(1);
        assertThat(counts.commits()).as("one transaction").isEqualTo(1);
        assertThat(counts.statements())
                .as(
                        "lock, mark, history read and insert, encounter with its state, version, outbox row: no code-set lookup")
                .isEqualTo(STATEMENTS_PER_NEW_ENCOUNTER);
    }

    @Test
    void correctedDocumentationIsTheNextVersionOfTheSameEncounter() {
        EncounterDocumented first = sample(LocalDate.of(2026, 2, 5));
        listener.on(records(first));
        EncounterDocumented corrected = sample(LocalDate.of(2026, 2, 5));
        corrected.setEncounterId(first.getEncounterId());
        corrected.setPatient(first.getPatient());

        StatementCounter.Counts counts = counter.count(() -> listener.on(records(corrected)));

        assertThat(version(first.getEncounterId())).isEqualTo(2);
        assertThat(jdbc.sql("SELECT documented_event_id::text FROM encounter WHERE encounter_id = :id")
                        .param("id", first.getEncounterId())
                        .query(String.class)
                        .single())
                .isEqualTo(corrected.getEventId());
        assertThat(counts.statements())
                .as(
                        "as a new one: the same upsert locks the stored encounter and returns its state (an update more before)")
                .isEqualTo(STATEMENTS_PER_NEW_ENCOUNTER);
    }

    private int version(String encounterId) {
        return jdbc.sql("SELECT current_version FROM encounter WHERE encounter_id = :id AND status = 'CODED'")
                .param("id", encounterId)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    private static List<ConsumerRecord<String, EncounterDocumented>> records(EncounterDocumented event) {
        return List.of(new ConsumerRecord<>("work", 0, 0, event.getEncounterId(), event));
    }

    /** The sample encounter (documented codes, no SNOMED CT to map) of a new patient on {@code dateOfService}. */
    private static EncounterDocumented sample(LocalDate dateOfService) {
        EncounterDocumented event = Samples.load(EncounterDocumented.class);
        event.setEventId(UUID.randomUUID().toString());
        event.setEncounterId("enc-work-" + UUID.randomUUID());
        event.getPatient().setMrn("MRN-" + UUID.randomUUID());
        event.setDateOfService(dateOfService);
        event.setOccurredAt(Instant.now());
        return event;
    }
}
