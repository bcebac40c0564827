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
 * One thin batch listener, one consumer, for the seven topics the read model takes in (issue 22: seven consumers
 * polled the broker on their own, busy or idle). A poll's records are taken in the poll's order, a run of records of
 * one topic at a time: each run is one transaction ({@link TransactionalBatches}), each event marked once under the
 * console's consumer id of its kind ({@link ReadModelWriter#consumer}) and mapped at the edge, then handed to the
 * {@link ReadModelWriter}. A record that fails fails alone, as with a listener per topic: the runs before it and the
 * records of its run before it commit, the records after it are delivered again ({@link TransactionalBatches#topicRuns}).
 */
@Component
record EventListeners(ReadModelWriter writer, TransactionalBatches batches) {

    static final String READ_MODEL = "console.read-model";

    // the listener ids of the topics (metrics tags and span names), as when each topic had a listener of its own
    static final String DOCUMENTED = "console.encounter-documented";
    static final String CODED = "console.encounter-coded";
    static final String SUBMITTED = "console.claim-submitted";
    static final String BILLED_TO_PATIENT = "console.claim-billed-to-patient";
    static final String DENIED = "console.claim-denied";
    static final String RECODE_REQUESTED = "console.recode-requested";
    static final String PAYMENT_POSTED = "console.payment-posted";

    @KafkaListener(
            id = READ_MODEL,
            idIsGroup = false,
            batch = "true",
            topics = {
                Topics.ENCOUNTER_DOCUMENTED,
                Topics.ENCOUNTER_CODED,
                Topics.CLAIM_SUBMITTED,
                Topics.CLAIM_BILLED_TO_PATIENT,
                Topics.CLAIM_DENIED,
                Topics.RECODE_REQUESTED,
                Topics.PAYMENT_POSTED
            })
    void on(List<ConsumerRecord<String, Object>> records) {
        for (List<ConsumerRecord<String, Object>> run : TransactionalBatches.topicRuns(records)) {
            String topic = run.get(0).topic();
            switch (topic) {
                case Topics.ENCOUNTER_DOCUMENTED ->
                    batches.handleOnce(
                            DOCUMENTED,
                            ReadModelWriter.consumer(EventKind.DOCUMENTED),
                            TransactionalBatches.typed(run),
                            EncounterDocumented.class,
                            null,
                            EncounterDocumented::getEventId,
                            e -> writer.documented(EventMapping.entry(e), e.getDateOfService()));
                case Topics.ENCOUNTER_CODED ->
                    batches.handleOnce(
                            CODED,
                            ReadModelWriter.consumer(EventKind.CODED),
                            TransactionalBatches.typed(run),
                            EncounterCoded.class,
                            null,
                            EncounterCoded::getEventId,
                            e -> writer.coded(EventMapping.entry(e), e.getDateOfService()));
                case Topics.CLAIM_SUBMITTED ->
                    batches.handleOnce(
                            SUBMITTED,
                            ReadModelWriter.consumer(EventKind.SUBMITTED),
                            TransactionalBatches.typed(run),
                            ClaimSubmitted.class,
                            null,
                            ClaimSubmitted::getEventId,
                            e -> writer.submitted(EventMapping.entry(e), EventMapping.submission(e)));
                case Topics.CLAIM_BILLED_TO_PATIENT ->
                    batches.handleOnce(
                            BILLED_TO_PATIENT,
                            ReadModelWriter.consumer(EventKind.BILLED_TO_PATIENT),
                            TransactionalBatches.typed(run),
                            ClaimBilledToPatient.class,
                            null,
                            ClaimBilledToPatient::getEventId,
                            e -> writer.billedToPatient(EventMapping.entry(e), EventMapping.billing(e)));
                case Topics.CLAIM_DENIED ->
                    batches.handleOnce(
                            DENIED,
                            ReadModelWriter.consumer(EventKind.DENIED),
                            TransactionalBatches.typed(run),
                            ClaimDenied.class,
                            null,
                            ClaimDenied::getEventId,
                            e -> writer.denied(
                                    EventMapping.entry(e), e.getPayer().getName(), e.getPatientControlNumber()));
                case Topics.RECODE_REQUESTED ->
                    batches.handleOnce(
                            RECODE_REQUESTED,
                            ReadModelWriter.consumer(EventKind.RECODE_REQUESTED),
                            TransactionalBatches.typed(run),
                            RecodeRequested.class,
                            null,
                            RecodeRequested::getEventId,
                            e -> writer.recodeRequested(EventMapping.entry(e)));
                case Topics.PAYMENT_POSTED ->
                    batches.handleOnce(
                            PAYMENT_POSTED,
                            ReadModelWriter.consumer(EventKind.PAYMENT_POSTED),
                            TransactionalBatches.typed(run),
                            PaymentPosted.class,
                            null,
                            PaymentPosted::getEventId,
                            e -> writer.paymentPosted(
                                    EventMapping.entry(e), e.getPayer().getName(), e.getPatientControlNumber()));
                default -> throw new IllegalStateException("the read model does not listen to topic " + topic);
            }
        }
    }
}
