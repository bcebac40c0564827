package io.claimflow.adjudication.claim.adapter;

import io.claimflow.adjudication.claim.ClaimIntake;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.platform.outbox.ProcessedEvents;
import io.claimflow.schemas.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consumes ClaimSubmitted: idempotent (platform's processed-event marks), maps the record and queues the claim, in
 * one database transaction. A record that cannot be billed throws IllegalArgumentException: the platform sends it
 * to the dead-letter topic with its reason, without retrying.
 */
@Component
class ClaimSubmittedListener {

    static final String CONSUMER = "adjudication-gateway.claim-submitted";

    private final ProcessedEvents processedEvents;
    private final ClaimIntake intake;

    ClaimSubmittedListener(ProcessedEvents processedEvents, ClaimIntake intake) {
        this.processedEvents = processedEvents;
        this.intake = intake;
    }

    @KafkaListener(id = CONSUMER, idIsGroup = false, topics = Topics.CLAIM_SUBMITTED)
    @Transactional
    void on(ClaimSubmitted event) {
        if (!processedEvents.markIfNew(CONSUMER, event.getEventId())) {
            return;
        }
        intake.accept(ClaimSubmittedMapper.toClaim(event));
    }
}
