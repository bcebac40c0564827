package io.claimflow.claim.payment.adapter;

import io.claimflow.claim.denial.AdjustmentCode;
import io.claimflow.claim.payment.PaymentNotice;
import io.claimflow.claim.payment.PaymentPosting;
import io.claimflow.events.Adjustment;
import io.claimflow.events.PaymentPosted;
import io.claimflow.platform.outbox.ProcessedEvents;
import io.claimflow.schemas.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** PaymentPosted in: once per event, in the transaction that posts the money to the claim. */
@Component
class PaymentPostedListener {

    static final String CONSUMER = "claim-service.payment-posted";

    private final ProcessedEvents processedEvents;
    private final PaymentPosting posting;

    PaymentPostedListener(ProcessedEvents processedEvents, PaymentPosting posting) {
        this.processedEvents = processedEvents;
        this.posting = posting;
    }

    @KafkaListener(id = CONSUMER, idIsGroup = false, topics = Topics.PAYMENT_POSTED)
    @Transactional
    void on(PaymentPosted event) {
        if (!processedEvents.markIfNew(CONSUMER, event.getEventId())) {
            return;
        }
        posting.onPaymentPosted(toDomain(event));
    }

    static PaymentNotice toDomain(PaymentPosted e) {
        PaymentNotice.Kind kind = switch (e.getClaimStatus()) {
            case PROCESSED_AS_PRIMARY, PROCESSED_AS_SECONDARY, PROCESSED_AS_TERTIARY, PROCESSED_AS_PRIMARY_FORWARDED,
                    PROCESSED_AS_SECONDARY_FORWARDED, PROCESSED_AS_TERTIARY_FORWARDED -> PaymentNotice.Kind.PROCESSED;
            case DENIED -> PaymentNotice.Kind.DENIED;
            case REVERSAL -> PaymentNotice.Kind.REVERSAL;
            default -> PaymentNotice.Kind.OTHER;
        };
        return new PaymentNotice(e.getEventId(), e.getOccurredAt(), e.getEncounterId(), e.getClaimId(),
                e.getPayer().getPayerId(), e.getPayerClaimNumber(), e.getTraceNumber(), e.getClaimStatusCode(), kind,
                e.getPaymentDate(), e.getChargeAmount(), e.getPaidAmount(), e.getPatientResponsibility().getTotal(),
                e.getClaimAdjustments().stream().map(PaymentPostedListener::adjustment).toList(),
                e.getLines().stream().map(l -> new PaymentNotice.LineOutcome(l.getLineNumber(), l.getProcedureCode(),
                        l.getChargeAmount(), l.getPaidAmount(),
                        l.getAdjustments().stream().map(PaymentPostedListener::adjustment).toList())).toList());
    }

    private static AdjustmentCode adjustment(Adjustment a) {
        return new AdjustmentCode(a.getGroupCode().name(), a.getReasonCode(), a.getAmount());
    }
}
