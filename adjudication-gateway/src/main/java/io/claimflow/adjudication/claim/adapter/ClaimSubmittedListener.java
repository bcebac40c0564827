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
 * Consumes ClaimSubmitted: maps the record and queues the claim, a poll in one database transaction. A record that
 * cannot be billed throws IllegalArgumentException: the platform sends it to the dead-letter topic with its reason,
 * without retrying.
 *
 * <p>Idempotent by the claim's submissions, not by a processed-event mark: every event taken in is a row of
 * {@code claim_submission} (its event id unique), and the intake's one statement per claim finds an event taken
 * before there and changes nothing ({@code OutboundClaims.Enqueued.DUPLICATE}); a mark as well would be one more
 * statement per poll for the same answer (issue 22).
 */
@Component
record ClaimSubmittedListener(ClaimIntake intake, TransactionalBatches batches) {

    static final String CONSUMER = "adjudication-gateway.claim-submitted";

    @KafkaListener(id = CONSUMER, idIsGroup = false, batch = "true", topics = Topics.CLAIM_SUBMITTED)
    void on(List<ConsumerRecord<String, ClaimSubmitted>> records) {
        batches.handle(
                CONSUMER, records, ClaimSubmitted.class, event -> intake.accept(ClaimSubmittedMapper.toClaim(event)));
    }
}
