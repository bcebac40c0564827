package io.claimflow.claim.payment.adapter;

import io.claimflow.claim.denial.AdjustmentCode;
import io.claimflow.claim.payment.PaymentNotice;
import io.claimflow.claim.payment.PaymentPosting;
import io.claimflow.events.Adjustment;
import io.claimflow.events.PaymentPosted;
import io.claimflow.platform.outbox.TransactionalBatches;
import io.claimflow.schemas.Topics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** PaymentPosted in: once per event, in the transaction that posts the money to the claim. */
@Component
record PaymentPostedListener(PaymentPosting posting, TransactionalBatches batches) {

    static final String CONSUMER = "claim-service.payment-posted";

    @KafkaListener(id = CONSUMER, idIsGroup = false, batch = "true", topics = Topics.PAYMENT_POSTED)
    void on(List<ConsumerRecord<String, PaymentPosted>> records) {
        batches.handleOnce(
                CONSUMER,
                records,
                PaymentPosted.class,
                PaymentPosted::getEventId,
                event -> posting.onPaymentPosted(toDomain(event)));
    }

    static PaymentNotice toDomain(PaymentPosted e) {
        PaymentNotice.Kind kind = switch (e.getClaimStatus()) {
            case PROCESSED_AS_PRIMARY,
                    PROCESSED_AS_SECONDARY,
                    PROCESSED_AS_TERTIARY,
                    PROCESSED_AS_PRIMARY_FORWARDED,
                    PROCESSED_AS_SECONDARY_FORWARDED,
                    PROCESSED_AS_TERTIARY_FORWARDED -> PaymentNotice.Kind.PROCESSED;
            case DENIED -> PaymentNotice.Kind.DENIED;
            case REVERSAL -> PaymentNotice.Kind.REVERSAL;
            case NOT_OUR_CLAIM_FORWARDED -> PaymentNotice.Kind.NOT_OUR_CLAIM;
            case PREDETERMINATION -> PaymentNotice.Kind.PREDETERMINATION;
            default -> PaymentNotice.Kind.OTHER;
        };
        return new PaymentNotice(
                e.getEventId(),
                e.getOccurredAt(),
                e.getEncounterId(),
                e.getClaimId(),
                e.getPayer().getPayerId(),
                e.getPayerClaimNumber(),
                e.getTraceNumber(),
                e.getClaimStatusCode(),
                kind,
                e.getPaymentDate(),
                e.getChargeAmount(),
                e.getPaidAmount(),
                e.getPatientResponsibility().getTotal(),
                e.getClaimAdjustments().stream()
                        .map(PaymentPostedListener::adjustment)
                        .toList(),
                e.getLines().stream()
                        .map(l -> new PaymentNotice.LineOutcome(
                                l.getLineNumber(),
                                l.getProcedureCode(),
                                l.getChargeAmount(),
                                l.getPaidAmount(),
                                l.getAdjustments().stream()
                                        .map(PaymentPostedListener::adjustment)
                                        .toList(),
                                l.getModifiers(),
                                l.getUnits(),
                                l.getAllowedAmount(),
                                l.getRemarkCodes()))
                        .toList(),
                e.getPayer().getName(),
                switch (e.getClaimStatus()) {
                    case PROCESSED_AS_PRIMARY_FORWARDED,
                            PROCESSED_AS_SECONDARY_FORWARDED,
                            PROCESSED_AS_TERTIARY_FORWARDED -> true;
                    default -> false;
                },
                e.getNextPayer() == null ? null : e.getNextPayer().getPayerId(),
                e.getNextPayer() == null ? null : e.getNextPayer().getName());
    }

    private static AdjustmentCode adjustment(Adjustment a) {
        return new AdjustmentCode(a.getGroupCode().name(), a.getReasonCode(), a.getAmount());
    }
}
