package io.claimflow.patientbilling.ledger.adapter;

import io.claimflow.events.ClaimDenied;
import io.claimflow.events.PaymentPosted;
import io.claimflow.patientbilling.claim.KnownClaims;
import io.claimflow.platform.outbox.TransactionalBatches;
import io.claimflow.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
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
            // in the order of the patient accounts they post to: no deadlock with other batches (issue 19); the
            // run's claims read at once, for their lock keys and then with their accounts locked (issue 22)
            Function<KnownClaims.ClaimKey, String> lockKeys = claims.pollLockKeys(claimsOf(run));
            if (Topics.CLAIM_DENIED.equals(run.get(0).topic())) {
                batches.handleOnce(
                        CLAIM_DENIED_LISTENER,
                        PostingHandler.CLAIM_DENIED_CONSUMER,
                        TransactionalBatches.typed(run),
                        ClaimDenied.class,
                        event -> lockKeys.apply(new KnownClaims.ClaimKey(event.getTenantId(), event.getClaimId())),
                        ClaimDenied::getEventId,
                        this::handleClaimDenied);
            } else {
                batches.handleOnce(
                        PAYMENT_POSTED_LISTENER,
                        PostingHandler.PAYMENT_POSTED_CONSUMER,
                        TransactionalBatches.typed(run),
                        PaymentPosted.class,
                        event -> lockKeys.apply(new KnownClaims.ClaimKey(event.getTenantId(), event.getClaimId())),
                        PaymentPosted::getEventId,
                        this::handlePaymentPosted);
            }
        }
    }

    // the claims a run's answers are for (a record without a PaymentPosted or ClaimDenied fails in its turn)
    private static List<KnownClaims.ClaimKey> claimsOf(List<ConsumerRecord<String, Object>> run) {
        List<KnownClaims.ClaimKey> keys = new ArrayList<>(run.size());
        for (ConsumerRecord<String, Object> record : run) {
            if (record.value() instanceof PaymentPosted p) {
                keys.add(new KnownClaims.ClaimKey(p.getTenantId(), p.getClaimId()));
            } else if (record.value() instanceof ClaimDenied d) {
                keys.add(new KnownClaims.ClaimKey(d.getTenantId(), d.getClaimId()));
            }
        }
        return keys;
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
