package io.claimflow.claim.denial.adapter;

import io.claimflow.claim.denial.AdjustmentCode;
import io.claimflow.claim.denial.DenialHandling;
import io.claimflow.claim.denial.DenialNotice;
import io.claimflow.events.Adjustment;
import io.claimflow.events.ClaimDenied;
import io.claimflow.events.DenialStage;
import io.claimflow.events.LineAdjudication;
import io.claimflow.events.RejectionReason;
import io.claimflow.platform.outbox.TransactionalBatches;
import io.claimflow.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** ClaimDenied in: once per event, in the transaction that routes the denial. */
@Component
record ClaimDeniedListener(DenialHandling denials, TransactionalBatches batches) {

    static final String CONSUMER = "claim-service.claim-denied";

    @KafkaListener(id = CONSUMER, idIsGroup = false, batch = "true", topics = Topics.CLAIM_DENIED)
    void on(List<ConsumerRecord<String, ClaimDenied>> records) {
        batches.handleOnce(
                CONSUMER,
                records,
                ClaimDenied.class,
                ClaimDenied::getEventId,
                event -> denials.onClaimDenied(toDomain(event)));
    }

    static DenialNotice toDomain(ClaimDenied e) {
        List<AdjustmentCode> adjustments = new ArrayList<>(e.getClaimAdjustments().stream()
                .map(ClaimDeniedListener::adjustment)
                .toList());
        List<String> remarks = new ArrayList<>(e.getRemarkCodes());
        for (LineAdjudication line : e.getLines()) {
            line.getAdjustments().forEach(a -> adjustments.add(adjustment(a)));
            remarks.addAll(line.getRemarkCodes());
        }
        return new DenialNotice(
                e.getEventId(),
                e.getOccurredAt(),
                e.getEncounterId(),
                e.getTenantId(),
                e.getClaimId(),
                e.getStage() == DenialStage.FRONT_END_REJECTION,
                e.getPayer().getPayerId(),
                e.getPayerClaimNumber(),
                e.getCategory().name(),
                adjustments,
                remarks.stream().distinct().toList(),
                e.getRejections().stream().map(RejectionReason::getCode).toList(),
                e.getPayerText(),
                e.getLines().stream()
                        .map(LineAdjudication::getLineNumber)
                        .filter(Objects::nonNull)
                        .toList());
    }

    private static AdjustmentCode adjustment(Adjustment a) {
        return new AdjustmentCode(a.getGroupCode().name(), a.getReasonCode(), a.getAmount());
    }
}
