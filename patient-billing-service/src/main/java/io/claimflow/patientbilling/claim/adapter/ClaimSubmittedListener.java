package io.claimflow.patientbilling.claim.adapter;

import io.claimflow.events.ClaimSubmitted;
import io.claimflow.schemas.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Consumes ClaimSubmitted into {@link ClaimSubmittedHandler}. */
@Component
class ClaimSubmittedListener {

    private final ClaimSubmittedHandler handler;

    ClaimSubmittedListener(ClaimSubmittedHandler handler) {
        this.handler = handler;
    }

    @KafkaListener(id = "patient-billing.claim-submitted", idIsGroup = false, topics = Topics.CLAIM_SUBMITTED)
    void on(ClaimSubmitted event) {
        handler.handle(event);
    }
}
