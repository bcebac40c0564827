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

/** Consumes the payers' answers into {@link PostingHandler}. */
@Component
record PayerAnswerListeners(PostingHandler handler, TransactionalBatches batches, KnownClaims claims) {

    static final String PAYMENT_POSTED_LISTENER = "patient-billing.payment-posted";
    static final String CLAIM_DENIED_LISTENER = "patient-billing.claim-denied";

    @KafkaListener(id = PAYMENT_POSTED_LISTENER, idIsGroup = false, batch = "true", topics = Topics.PAYMENT_POSTED)
    void onPaymentPosted(List<ConsumerRecord<String, PaymentPosted>> records) {
        // in the order of the patient accounts they post to: no deadlock with other batches (issue 19)
        batches.handleOnce(
                PAYMENT_POSTED_LISTENER,
                PostingHandler.PAYMENT_POSTED_CONSUMER,
                records,
                PaymentPosted.class,
                event -> claims.accountLockKeyOfClaim(event.getTenantId(), event.getClaimId()),
                PaymentPosted::getEventId,
                this::handlePaymentPosted);
    }

    // inside the batch's transaction (TransactionalBatches)
    void handlePaymentPosted(PaymentPosted event) {
        handler.onPaymentPosted(event);
    }

    @KafkaListener(id = CLAIM_DENIED_LISTENER, idIsGroup = false, batch = "true", topics = Topics.CLAIM_DENIED)
    void onClaimDenied(List<ConsumerRecord<String, ClaimDenied>> records) {
        batches.handleOnce(
                CLAIM_DENIED_LISTENER,
                PostingHandler.CLAIM_DENIED_CONSUMER,
                records,
                ClaimDenied.class,
                event -> claims.accountLockKeyOfClaim(event.getTenantId(), event.getClaimId()),
                ClaimDenied::getEventId,
                this::handleClaimDenied);
    }

    // inside the batch's transaction (TransactionalBatches)
    void handleClaimDenied(ClaimDenied event) {
        handler.onClaimDenied(event);
    }
}
