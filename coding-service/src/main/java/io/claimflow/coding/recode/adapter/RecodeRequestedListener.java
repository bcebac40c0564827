package io.claimflow.coding.recode.adapter;

import io.claimflow.coding.recode.IncomingRecode;
import io.claimflow.coding.recode.RecodeService;
import io.claimflow.coding.rules.Denial;
import io.claimflow.events.Adjustment;
import io.claimflow.events.RecodeRequested;
import io.claimflow.platform.outbox.TransactionalBatches;
import io.claimflow.schemas.Topics;
import io.claimflow.schemas.json.JsonRecords;
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
        Denial denial = new Denial(
                event.getReason().getAdjustments().stream()
                        .map(Adjustment::getReasonCode)
                        .toList(),
                event.getReason().getAffectedLineNumbers(),
                event.getAttempt());
        return new IncomingRecode(
                event.getEventId(),
                event.getEncounterId(),
                event.getClaimId(),
                event.getCodingVersion(),
                denial,
                JsonRecords.write(event.getReason()));
    }
}
