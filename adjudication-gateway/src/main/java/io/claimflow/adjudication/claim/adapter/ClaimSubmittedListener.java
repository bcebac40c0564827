package io.claimflow.adjudication.claim.adapter;

import io.claimflow.adjudication.claim.ClaimIntake;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.platform.outbox.TransactionalBatches;
import io.claimflow.schemas.Topics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes ClaimSubmitted: idempotent (platform's processed-event marks), maps the record and queues the claim, in
 * one database transaction. A record that cannot be billed throws IllegalArgumentException: the platform sends it
 * to the dead-letter topic with its reason, without retrying.
 */
@Component
record ClaimSubmittedListener(ClaimIntake intake, TransactionalBatches batches) {

    static final String CONSUMER = "adjudication-gateway.claim-submitted";

    @KafkaListener(id = CONSUMER, idIsGroup = false, batch = "true", topics = Topics.CLAIM_SUBMITTED)
    void on(List<ConsumerRecord<String, ClaimSubmitted>> records) {
        batches.handleOnce(
                CONSUMER,
                records,
                ClaimSubmitted.class,
                ClaimSubmitted::getEventId,
                event -> intake.accept(ClaimSubmittedMapper.toClaim(event)));
    }
}
