package io.claimflow.patientbilling.claim.adapter;

import io.claimflow.events.ClaimBilledToPatient;
import io.claimflow.platform.outbox.TransactionalBatches;
import io.claimflow.schemas.Topics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Consumes ClaimBilledToPatient into {@link ClaimBilledToPatientHandler}. */
@Component
record ClaimBilledToPatientListener(ClaimBilledToPatientHandler handler, TransactionalBatches batches) {

    static final String LISTENER = "patient-billing.claim-billed-to-patient";

    @KafkaListener(id = LISTENER, idIsGroup = false, batch = "true", topics = Topics.CLAIM_BILLED_TO_PATIENT)
    void on(List<ConsumerRecord<String, ClaimBilledToPatient>> records) {
        // in the order of the patient accounts they post to, as the other listeners
        batches.handleOnce(
                LISTENER,
                ClaimBilledToPatientHandler.CONSUMER,
                records,
                ClaimBilledToPatient.class,
                event -> ClaimRegistry.accountLockKey(
                        event.getTenantId(), event.getPatient().getMrn()),
                ClaimBilledToPatient::getEventId,
                this::handle);
    }

    // inside the batch's transaction (TransactionalBatches)
    void handle(ClaimBilledToPatient event) {
        handler.handle(event);
    }
}
