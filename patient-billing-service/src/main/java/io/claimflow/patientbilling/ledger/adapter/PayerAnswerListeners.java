package io.claimflow.patientbilling.ledger.adapter;

import io.claimflow.events.ClaimDenied;
import io.claimflow.events.PaymentPosted;
import io.claimflow.schemas.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Consumes the payers' answers into {@link PostingHandler}. */
@Component
class PayerAnswerListeners {

    private final PostingHandler handler;

    PayerAnswerListeners(PostingHandler handler) {
        this.handler = handler;
    }

    @KafkaListener(id = "patient-billing.payment-posted", idIsGroup = false, topics = Topics.PAYMENT_POSTED)
    void on(PaymentPosted event) {
        handler.onPaymentPosted(event);
    }

    @KafkaListener(id = "patient-billing.claim-denied", idIsGroup = false, topics = Topics.CLAIM_DENIED)
    void on(ClaimDenied event) {
        handler.onClaimDenied(event);
    }
}
