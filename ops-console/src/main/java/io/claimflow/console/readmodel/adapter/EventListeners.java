package io.claimflow.console.readmodel.adapter;

import io.claimflow.events.ClaimBilledToPatient;
import io.claimflow.events.ClaimDenied;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.EncounterCoded;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.events.PaymentPosted;
import io.claimflow.events.RecodeRequested;
import io.claimflow.schemas.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** One thin listener per topic: map the event at the edge, hand it to the idempotent {@link ReadModelWriter}. */
@Component
class EventListeners {

    private final ReadModelWriter writer;

    EventListeners(ReadModelWriter writer) {
        this.writer = writer;
    }

    @KafkaListener(id = "console.encounter-documented", idIsGroup = false, topics = Topics.ENCOUNTER_DOCUMENTED)
    void on(EncounterDocumented event) {
        writer.documented(EventMapping.entry(event), event.getDateOfService());
    }

    @KafkaListener(id = "console.encounter-coded", idIsGroup = false, topics = Topics.ENCOUNTER_CODED)
    void on(EncounterCoded event) {
        writer.coded(EventMapping.entry(event), event.getDateOfService());
    }

    @KafkaListener(id = "console.claim-submitted", idIsGroup = false, topics = Topics.CLAIM_SUBMITTED)
    void on(ClaimSubmitted event) {
        writer.submitted(EventMapping.entry(event), EventMapping.submission(event));
    }

    @KafkaListener(id = "console.claim-billed-to-patient", idIsGroup = false, topics = Topics.CLAIM_BILLED_TO_PATIENT)
    void on(ClaimBilledToPatient event) {
        writer.billedToPatient(EventMapping.entry(event), EventMapping.billing(event));
    }

    @KafkaListener(id = "console.claim-denied", idIsGroup = false, topics = Topics.CLAIM_DENIED)
    void on(ClaimDenied event) {
        writer.denied(EventMapping.entry(event), event.getPayer().getName(), event.getPatientControlNumber());
    }

    @KafkaListener(id = "console.recode-requested", idIsGroup = false, topics = Topics.RECODE_REQUESTED)
    void on(RecodeRequested event) {
        writer.recodeRequested(EventMapping.entry(event));
    }

    @KafkaListener(id = "console.payment-posted", idIsGroup = false, topics = Topics.PAYMENT_POSTED)
    void on(PaymentPosted event) {
        writer.paymentPosted(EventMapping.entry(event), event.getPayer().getName(), event.getPatientControlNumber());
    }
}
