package io.claimflow.claim.submission.adapter;

import io.claimflow.claim.submission.ClaimSubmission;
import io.claimflow.events.EncounterCoded;
import io.claimflow.platform.outbox.ProcessedEvents;
import io.claimflow.platform.outbox.TransactionalBatches;
import io.claimflow.schemas.Topics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** EncounterCoded in: once per event, in the transaction that builds and submits (or holds) the claim. */
@Component
class EncounterCodedListener {

    static final String CONSUMER = "claim-service.encounter-coded";

    private final ProcessedEvents processedEvents;
    private final ClaimSubmission submission;
    private final TransactionalBatches batches;

    EncounterCodedListener(ProcessedEvents processedEvents, ClaimSubmission submission, TransactionalBatches batches) {
        this.processedEvents = processedEvents;
        this.submission = submission;
        this.batches = batches;
    }

    @KafkaListener(id = CONSUMER, idIsGroup = false, batch = "true", topics = Topics.ENCOUNTER_CODED,
            concurrency = "${claimflow.claim.listener-concurrency:1}")
    void on(List<ConsumerRecord<String, EncounterCoded>> records) {
        batches.handle(CONSUMER, records, EncounterCoded.class, this::handle);
    }

    // inside the batch's transaction (TransactionalBatches)
    void handle(EncounterCoded event) {
        if (!processedEvents.markIfNew(CONSUMER, event.getEventId())) {
            return;
        }
        submission.onEncounterCoded(EncounterCodedMapper.toDomain(event));
    }
}
