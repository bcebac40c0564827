package io.claimflow.coding.pipeline.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.coding.pipeline.EncounterCodingService;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.schemas.json.Samples;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * EncounterDocumented is marked processed per batch (TransactionalBatches.handleOnce, one multi-row insert) under the
 * consumer name its marks always had: a replayed batch, and a batch repeating an event, code each encounter once, and
 * events marked before the listener was batched stay known.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_coding")
class EncounterDocumentedReplayTest {

    @Autowired
    EncounterDocumentedListener listener;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aReplayedBatchCodesEachEncounterOnce() {
        List<EncounterDocumented> events = List.of(sample(), sample(), sample());
        List<ConsumerRecord<String, EncounterDocumented>> batch = records(events);

        listener.on(batch);
        listener.on(batch); // the same poll delivered again (a rebalance before the offsets were committed)
        List<EncounterDocumented> repeated = List.of(events.get(1), sample(), events.get(1));
        listener.on(records(repeated)); // an event twice within a batch, beside a new one

        for (EncounterDocumented event : List.of(events.get(0), events.get(1), events.get(2), repeated.get(1))) {
            assertThat(versions(event.getEncounterId())).isEqualTo(1);
            assertThat(jdbc.sql("SELECT current_version FROM encounter WHERE encounter_id = :id")
                            .param("id", event.getEncounterId())
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
        }
        assertThat(marks(EncounterCodingService.CONSUMER, events)).isEqualTo(3);
        assertThat(marks(EncounterDocumentedListener.LISTENER, events)).isZero();
    }

    @Test
    void anEventMarkedBeforeTheListenerWasBatchedIsNotCodedAgain() {
        EncounterDocumented handledBefore = sample();
        // the mark the service's own per-record check left, under the same consumer name
        jdbc.sql("INSERT INTO claimflow_platform.processed_event (consumer_id, event_id) VALUES (:consumer, :id)")
                .param("consumer", EncounterCodingService.CONSUMER)
                .param("id", UUID.fromString(handledBefore.getEventId()))
                .update();

        listener.on(records(List.of(handledBefore)));

        assertThat(versions(handledBefore.getEncounterId())).isZero();
    }

    private int versions(String encounterId) {
        return jdbc.sql("SELECT count(*) FROM coding_version WHERE encounter_id = :id")
                .param("id", encounterId)
                .query(Integer.class)
                .single();
    }

    private int marks(String consumer, List<EncounterDocumented> events) {
        return jdbc.sql("SELECT count(*) FROM claimflow_platform.processed_event WHERE consumer_id = :consumer"
                        + " AND event_id IN (:ids)")
                .param("consumer", consumer)
                .param(
                        "ids",
                        events.stream()
                                .map(e -> UUID.fromString(e.getEventId()))
                                .toList())
                .query(Integer.class)
                .single();
    }

    private static List<ConsumerRecord<String, EncounterDocumented>> records(List<EncounterDocumented> events) {
        List<ConsumerRecord<String, EncounterDocumented>> records = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            records.add(new ConsumerRecord<>("replay", 0, i, events.get(i).getEncounterId(), events.get(i)));
        }
        return records;
    }

    private static EncounterDocumented sample() {
        EncounterDocumented event = Samples.load(EncounterDocumented.class);
        event.setEventId(UUID.randomUUID().toString());
        event.setEncounterId("enc-replay-" + UUID.randomUUID());
        event.getPatient().setMrn("MRN-" + UUID.randomUUID());
        event.setOccurredAt(Instant.now());
        return event;
    }
}
