package io.claimflow.console.readmodel.adapter;

import io.claimflow.console.readmodel.EventKind;
import io.claimflow.events.ClaimBilledToPatient;
import io.claimflow.events.ClaimDenied;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.EncounterCoded;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.events.PaymentPosted;
import io.claimflow.events.RecodeRequested;
import io.claimflow.platform.outbox.TransactionalBatches;
import io.claimflow.schemas.Topics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * One thin batch listener per topic: a poll is one transaction ({@link TransactionalBatches}), each event marked once
 * under the console's consumer id of its kind ({@link ReadModelWriter#consumer}) and mapped at the edge, then handed
 * to the {@link ReadModelWriter}.
 */
@Component
record EventListeners(ReadModelWriter writer, TransactionalBatches batches) {

    static final String DOCUMENTED = "console.encounter-documented";
    static final String CODED = "console.encounter-coded";
    static final String SUBMITTED = "console.claim-submitted";
    static final String BILLED_TO_PATIENT = "console.claim-billed-to-patient";
    static final String DENIED = "console.claim-denied";
    static final String RECODE_REQUESTED = "console.recode-requested";
    static final String PAYMENT_POSTED = "console.payment-posted";

    @KafkaListener(id = DOCUMENTED, idIsGroup = false, batch = "true", topics = Topics.ENCOUNTER_DOCUMENTED)
    void onDocumented(List<ConsumerRecord<String, EncounterDocumented>> records) {
        batches.handleOnce(
                DOCUMENTED,
                ReadModelWriter.consumer(EventKind.DOCUMENTED),
                records,
                EncounterDocumented.class,
                null,
                EncounterDocumented::getEventId,
                e -> writer.documented(EventMapping.entry(e), e.getDateOfService()));
    }

    @KafkaListener(id = CODED, idIsGroup = false, batch = "true", topics = Topics.ENCOUNTER_CODED)
    void onCoded(List<ConsumerRecord<String, EncounterCoded>> records) {
        batches.handleOnce(
                CODED,
                ReadModelWriter.consumer(EventKind.CODED),
                records,
                EncounterCoded.class,
                null,
                EncounterCoded::getEventId,
                e -> writer.coded(EventMapping.entry(e), e.getDateOfService()));
    }

    @KafkaListener(id = SUBMITTED, idIsGroup = false, batch = "true", topics = Topics.CLAIM_SUBMITTED)
    void onSubmitted(List<ConsumerRecord<String, ClaimSubmitted>> records) {
        batches.handleOnce(
                SUBMITTED,
                ReadModelWriter.consumer(EventKind.SUBMITTED),
                records,
                ClaimSubmitted.class,
                null,
                ClaimSubmitted::getEventId,
                e -> writer.submitted(EventMapping.entry(e), EventMapping.submission(e)));
    }

    @KafkaListener(id = BILLED_TO_PATIENT, idIsGroup = false, batch = "true", topics = Topics.CLAIM_BILLED_TO_PATIENT)
    void onBilledToPatient(List<ConsumerRecord<String, ClaimBilledToPatient>> records) {
        batches.handleOnce(
                BILLED_TO_PATIENT,
                ReadModelWriter.consumer(EventKind.BILLED_TO_PATIENT),
                records,
                ClaimBilledToPatient.class,
                null,
                ClaimBilledToPatient::getEventId,
                e -> writer.billedToPatient(EventMapping.entry(e), EventMapping.billing(e)));
    }

    @KafkaListener(id = DENIED, idIsGroup = false, batch = "true", topics = Topics.CLAIM_DENIED)
    void onDenied(List<ConsumerRecord<String, ClaimDenied>> records) {
        batches.handleOnce(
                DENIED,
                ReadModelWriter.consumer(EventKind.DENIED),
                records,
                ClaimDenied.class,
                null,
                ClaimDenied::getEventId,
                e -> writer.denied(EventMapping.entry(e), e.getPayer().getName(), e.getPatientControlNumber()));
    }

    @KafkaListener(id = RECODE_REQUESTED, idIsGroup = false, batch = "true", topics = Topics.RECODE_REQUESTED)
    void onRecodeRequested(List<ConsumerRecord<String, RecodeRequested>> records) {
        batches.handleOnce(
                RECODE_REQUESTED,
                ReadModelWriter.consumer(EventKind.RECODE_REQUESTED),
                records,
                RecodeRequested.class,
                null,
                RecodeRequested::getEventId,
                e -> writer.recodeRequested(EventMapping.entry(e)));
    }

    @KafkaListener(id = PAYMENT_POSTED, idIsGroup = false, batch = "true", topics = Topics.PAYMENT_POSTED)
    void onPaymentPosted(List<ConsumerRecord<String, PaymentPosted>> records) {
        batches.handleOnce(
                PAYMENT_POSTED,
                ReadModelWriter.consumer(EventKind.PAYMENT_POSTED),
                records,
                PaymentPosted.class,
                null,
                PaymentPosted::getEventId,
                e -> writer.paymentPosted(EventMapping.entry(e), e.getPayer().getName(), e.getPatientControlNumber()));
    }
}
