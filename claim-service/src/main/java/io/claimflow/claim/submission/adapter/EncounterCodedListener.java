package io.claimflow.claim.submission.adapter;

import io.claimflow.claim.submission.ClaimSubmission;
import io.claimflow.events.EncounterCoded;
import io.claimflow.platform.outbox.TransactionalBatches;
import io.claimflow.schemas.Topics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** EncounterCoded in: once per event, in the transaction that builds and submits (or holds) the claim. */
@Component
record EncounterCodedListener(ClaimSubmission submission, TransactionalBatches batches) {

    static final String CONSUMER = "claim-service.encounter-coded";

    @KafkaListener(
            id = CONSUMER,
            idIsGroup = false,
            batch = "true",
            topics = Topics.ENCOUNTER_CODED,
            concurrency = "${claimflow.claim.listener-concurrency:1}")
    void on(List<ConsumerRecord<String, EncounterCoded>> records) {
        batches.handleOnce(
                CONSUMER,
                records,
                EncounterCoded.class,
                EncounterCoded::getEventId,
                event -> submission.onEncounterCoded(EncounterCodedMapper.toDomain(event)));
    }
}
