package io.claimflow.coding.pipeline.adapter;

import io.claimflow.coding.pipeline.EncounterCodingService;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.platform.outbox.TransactionalBatches;
import io.claimflow.schemas.Topics;
import java.time.Clock;
import java.util.List;
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
        batches.handleOnce(
                LISTENER,
                EncounterCodingService.CONSUMER,
                records,
                EncounterDocumented.class,
                null,
                AvroMapping::eventId,
                this::handle);
    }

    // inside the batch's transaction (TransactionalBatches)
    void handle(EncounterDocumented event) {
        service.onDocumented(AvroMapping.incoming(event, clock));
    }
}
