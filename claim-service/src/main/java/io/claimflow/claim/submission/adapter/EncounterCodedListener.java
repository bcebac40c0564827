package io.claimflow.claim.submission.adapter;

import io.claimflow.claim.submission.ClaimSubmission;
import io.claimflow.events.EncounterCoded;
import io.claimflow.platform.outbox.ProcessedEvents;
import io.claimflow.schemas.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** EncounterCoded in: once per event, in the transaction that builds and submits (or holds) the claim. */
@Component
class EncounterCodedListener {

    static final String CONSUMER = "claim-service.encounter-coded";

    private final ProcessedEvents processedEvents;
    private final ClaimSubmission submission;

    EncounterCodedListener(ProcessedEvents processedEvents, ClaimSubmission submission) {
        this.processedEvents = processedEvents;
        this.submission = submission;
    }

    @KafkaListener(id = CONSUMER, idIsGroup = false, topics = Topics.ENCOUNTER_CODED,
            concurrency = "${claimflow.claim.listener-concurrency:1}")
    @Transactional
    void on(EncounterCoded event) {
        if (!processedEvents.markIfNew(CONSUMER, event.getEventId())) {
            return;
        }
        submission.onEncounterCoded(EncounterCodedMapper.toDomain(event));
    }
}
