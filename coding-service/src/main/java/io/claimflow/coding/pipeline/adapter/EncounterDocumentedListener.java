package io.claimflow.coding.pipeline.adapter;

import io.claimflow.coding.pipeline.EncounterCodingService;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.schemas.Topics;
import java.time.Clock;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes EncounterDocumented. Thin: maps the Avro record to the domain (rejecting incomplete documentation to the
 * dead-letter topic with its reason) and hands it to the transactional {@link EncounterCodingService}.
 */
@Component
class EncounterDocumentedListener {

    private final EncounterCodingService service;
    private final Clock clock;

    EncounterDocumentedListener(EncounterCodingService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @KafkaListener(id = "coding-encounter-documented", idIsGroup = false, topics = Topics.ENCOUNTER_DOCUMENTED,
            concurrency = "${claimflow.coding.listener-concurrency:1}")
    void on(EncounterDocumented event) {
        service.onDocumented(AvroMapping.incoming(event, clock));
    }
}
