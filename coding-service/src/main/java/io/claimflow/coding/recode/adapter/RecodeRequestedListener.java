package io.claimflow.coding.recode.adapter;

import io.claimflow.coding.pipeline.DenialReason;
import io.claimflow.coding.recode.IncomingRecode;
import io.claimflow.coding.recode.RecodeService;
import io.claimflow.coding.rules.Denial;
import io.claimflow.events.RecodeRequested;
import io.claimflow.platform.outbox.TransactionalBatches;
import io.claimflow.schemas.Topics;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Consumes RecodeRequested: maps it to the domain and hands it to the transactional {@link RecodeService}. */
@Component
record RecodeRequestedListener(RecodeService service, TransactionalBatches batches) {

    static final String LISTENER = "coding-recode-requested";

    @KafkaListener(id = LISTENER, idIsGroup = false, batch = "true", topics = Topics.RECODE_REQUESTED)
    void on(List<ConsumerRecord<String, RecodeRequested>> records) {
        batches.handleOnce(
                LISTENER,
                RecodeService.CONSUMER,
                records,
                RecodeRequested.class,
                null,
                RecodeRequestedListener::eventId,
                this::handle);
    }

    // inside the batch's transaction (TransactionalBatches)
    void handle(RecodeRequested event) {
        service.onRecodeRequested(incoming(event));
    }

    /** The event id the batch marks the event processed under; a record without a UUID fails with this reason. */
    static UUID eventId(RecodeRequested event) {
        try {
            return UUID.fromString(event.getEventId());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "RecodeRequested for encounter " + event.getEncounterId() + " has an eventId that is not a UUID");
        }
    }

    static IncomingRecode incoming(RecodeRequested event) {
        eventId(event);
        if (event.getAttempt() < 1 || event.getCodingVersion() < 1) {
            throw new IllegalArgumentException(
                    "RecodeRequested " + event.getEventId() + " needs attempt and codingVersion of at least 1");
        }
        DenialReason reason = reason(event.getReason());
        Denial denial = new Denial(
                reason.adjustments().stream()
                        .map(DenialReason.Adjustment::reasonCode)
                        .toList(),
                reason.affectedLineNumbers(),
                event.getAttempt());
        return new IncomingRecode(
                event.getEventId(),
                event.getEncounterId(),
                event.getClaimId(),
                event.getCodingVersion(),
                denial,
                reason);
    }

    /** The event's denial reason as the domain keeps it (enumerations by their symbols). */
    static DenialReason reason(io.claimflow.events.DenialReason reason) {
        return new DenialReason(
                reason.getStage().name(),
                reason.getCategory().name(),
                reason.getPayerClaimNumber(),
                reason.getAdjustments().stream()
                        .map(a ->
                                new DenialReason.Adjustment(a.getGroupCode().name(), a.getReasonCode(), a.getAmount()))
                        .toList(),
                reason.getRemarkCodes(),
                reason.getRejections().stream()
                        .map(r -> new DenialReason.Rejection(r.getCode(), r.getDescription(), r.getLocation()))
                        .toList(),
                reason.getPayerText(),
                reason.getAffectedLineNumbers());
    }
}
