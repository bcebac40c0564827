package io.claimflow.patientbilling.claim.adapter;

import io.claimflow.events.ClaimSubmitted;
import io.claimflow.platform.outbox.TransactionalBatches;
import io.claimflow.schemas.Topics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Consumes ClaimSubmitted into {@link ClaimSubmittedHandler}. */
@Component
record ClaimSubmittedListener(ClaimSubmittedHandler handler, TransactionalBatches batches) {

    static final String LISTENER = "patient-billing.claim-submitted";

    @KafkaListener(id = LISTENER, idIsGroup = false, batch = "true", topics = Topics.CLAIM_SUBMITTED)
    void on(List<ConsumerRecord<String, ClaimSubmitted>> records) {
        // in the order of the patient accounts they post to: no deadlock with the payer-answer batches (issue 19)
        batches.handleOnce(
                LISTENER,
                ClaimSubmittedHandler.CONSUMER,
                records,
                ClaimSubmitted.class,
                event -> ClaimRegistry.accountLockKey(
                        event.getTenantId(), event.getPatient().getMrn()),
                ClaimSubmitted::getEventId,
                this::handle);
    }

    // inside the batch's transaction (TransactionalBatches)
    void handle(ClaimSubmitted event) {
        handler.handle(event);
    }
}
