package io.claimflow.patientbilling.ledger.adapter;

import io.claimflow.events.ClaimDenied;
import io.claimflow.events.PaymentPosted;
import io.claimflow.patientbilling.claim.KnownClaims;
import io.claimflow.platform.outbox.TransactionalBatches;
import io.claimflow.schemas.Topics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the payers' answers into {@link PostingHandler}: one consumer for both topics (issue 22: a consumer per
 * topic polled the broker on its own, busy or idle), a poll taken a run of one topic at a time
 * ({@link TransactionalBatches#topicRuns}), each run one transaction.
 */
@Component
record PayerAnswerListeners(PostingHandler handler, TransactionalBatches batches, KnownClaims claims) {

    static final String LISTENER = "patient-billing.payer-answers";
    // the ids of the topics' runs (metrics tags and span names), as when each topic had a listener of its own
    static final String PAYMENT_POSTED_LISTENER = "patient-billing.payment-posted";
    static final String CLAIM_DENIED_LISTENER = "patient-billing.claim-denied";

    @KafkaListener(
            id = LISTENER,
            idIsGroup = false,
            batch = "true",
            topics = {Topics.PAYMENT_POSTED, Topics.CLAIM_DENIED})
    void on(List<ConsumerRecord<String, Object>> records) {
        for (List<ConsumerRecord<String, Object>> run : TransactionalBatches.topicRuns(records)) {
            // in the order of the patient accounts they post to: no deadlock with other batches (issue 19)
            if (Topics.CLAIM_DENIED.equals(run.get(0).topic())) {
                batches.handleOnce(
                        CLAIM_DENIED_LISTENER,
                        PostingHandler.CLAIM_DENIED_CONSUMER,
                        TransactionalBatches.typed(run),
                        ClaimDenied.class,
                        event -> claims.accountLockKeyOfClaim(event.getTenantId(), event.getClaimId()),
                        ClaimDenied::getEventId,
                        this::handleClaimDenied);
            } else {
                batches.handleOnce(
                        PAYMENT_POSTED_LISTENER,
                        PostingHandler.PAYMENT_POSTED_CONSUMER,
                        TransactionalBatches.typed(run),
                        PaymentPosted.class,
                        event -> claims.accountLockKeyOfClaim(event.getTenantId(), event.getClaimId()),
                        PaymentPosted::getEventId,
                        this::handlePaymentPosted);
            }
        }
    }

    // inside the run's transaction (TransactionalBatches)
    void handlePaymentPosted(PaymentPosted event) {
        handler.onPaymentPosted(event);
    }

    // inside the run's transaction (TransactionalBatches)
    void handleClaimDenied(ClaimDenied event) {
        handler.onClaimDenied(event);
    }
}
