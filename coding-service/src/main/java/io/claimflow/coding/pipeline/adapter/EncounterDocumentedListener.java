package io.claimflow.coding.pipeline.adapter;

import io.claimflow.coding.pipeline.EncounterCodingService;
import io.claimflow.coding.pipeline.IncomingDocumentation;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.platform.outbox.TransactionalBatches;
import io.claimflow.schemas.Topics;
import java.time.Clock;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes EncounterDocumented. Thin: maps the Avro record to the domain (rejecting incomplete documentation to the
 * dead-letter topic with its reason) and hands it to the transactional {@link EncounterCodingService}.
 */
@Component
record EncounterDocumentedListener(EncounterCodingService service, Clock clock, TransactionalBatches batches) {

    static final String LISTENER = "coding-encounter-documented";

    @KafkaListener(
            id = LISTENER,
            idIsGroup = false,
            batch = "true",
            topics = Topics.ENCOUNTER_DOCUMENTED,
            concurrency = "${claimflow.coding.listener-concurrency:1}")
    void on(List<ConsumerRecord<String, EncounterDocumented>> records) {
        // the poll's events read once, for the history of all their patients at once; one that cannot be read
        // fails in its turn, alone
        Map<EncounterDocumented, IncomingDocumentation> poll = new IdentityHashMap<>();
        for (ConsumerRecord<String, EncounterDocumented> record : records) {
            Object value = record.value(); // null or another type when unreadable (TransactionalBatches says which)
            if (value instanceof EncounterDocumented event) {
                try {
                    poll.put(event, AvroMapping.incoming(event, clock));
                } catch (RuntimeException e) {
                    // dead-lettered with its reason when handled
                }
            }
        }
        List<IncomingDocumentation> all = List.copyOf(poll.values());
        batches.handleOnce(
                LISTENER,
                EncounterCodingService.CONSUMER,
                records,
                EncounterDocumented.class,
                null,
                AvroMapping::eventId,
                event -> handle(event, poll.get(event), all));
    }

    // inside the batch's transaction (TransactionalBatches)
    void handle(EncounterDocumented event, IncomingDocumentation read, List<IncomingDocumentation> poll) {
        service.onDocumented(read != null ? read : AvroMapping.incoming(event, clock), poll);
    }
}
