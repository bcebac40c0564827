package io.claimflow.patientbilling.claim.adapter;

import io.claimflow.events.ClaimBilledToPatient;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.platform.outbox.TransactionalBatches;
import io.claimflow.schemas.Topics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes ClaimSubmitted into {@link ClaimSubmittedHandler} and ClaimBilledToPatient into
 * {@link ClaimBilledToPatientHandler}: one consumer for both topics (issue 22: a consumer per topic polled the broker
 * on its own, busy or idle), a poll taken a run of one topic at a time ({@link TransactionalBatches#topicRuns}), each
 * run one transaction.
 */
@Component
record ClaimEventsListener(
        ClaimSubmittedHandler submitted, ClaimBilledToPatientHandler billedToPatient, TransactionalBatches batches) {

    static final String LISTENER = "patient-billing.claims";
    // the ids of the topics' runs (metrics tags and span names), as when each topic had a listener of its own
    static final String CLAIM_SUBMITTED_LISTENER = "patient-billing.claim-submitted";
    static final String BILLED_TO_PATIENT_LISTENER = "patient-billing.claim-billed-to-patient";

    @KafkaListener(
            id = LISTENER,
            idIsGroup = false,
            batch = "true",
            topics = {Topics.CLAIM_SUBMITTED, Topics.CLAIM_BILLED_TO_PATIENT})
    void on(List<ConsumerRecord<String, Object>> records) {
        for (List<ConsumerRecord<String, Object>> run : TransactionalBatches.topicRuns(records)) {
            // in the order of the patient accounts they post to: no deadlock with the payer-answer batches (issue 19)
            if (Topics.CLAIM_BILLED_TO_PATIENT.equals(run.get(0).topic())) {
                batches.handleOnce(
                        BILLED_TO_PATIENT_LISTENER,
                        ClaimBilledToPatientHandler.CONSUMER,
                        TransactionalBatches.typed(run),
                        ClaimBilledToPatient.class,
                        event -> ClaimRegistry.accountLockKey(
                                event.getTenantId(), event.getPatient().getMrn()),
                        ClaimBilledToPatient::getEventId,
                        this::handle);
            } else {
                batches.handleOnce(
                        CLAIM_SUBMITTED_LISTENER,
                        ClaimSubmittedHandler.CONSUMER,
                        TransactionalBatches.typed(run),
                        ClaimSubmitted.class,
                        event -> ClaimRegistry.accountLockKey(
                                event.getTenantId(), event.getPatient().getMrn()),
                        ClaimSubmitted::getEventId,
                        this::handle);
            }
        }
    }

    // inside the run's transaction (TransactionalBatches)
    void handle(ClaimSubmitted event) {
        submitted.handle(event);
    }

    // inside the run's transaction (TransactionalBatches)
    void handle(ClaimBilledToPatient event) {
        billedToPatient.handle(event);
    }
}
