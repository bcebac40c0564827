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
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
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
 * Each topic's listener id, kind, event type and handler are one row of {@link #routes}.
 */
@Component
class EventListeners {

    static final String READ_MODEL = "console.read-model";

    // the listener ids of the topics (metrics tags and span names), as when each topic had a listener of its own
    static final String DOCUMENTED = "console.encounter-documented";
    static final String CODED = "console.encounter-coded";
    static final String SUBMITTED = "console.claim-submitted";
    static final String BILLED_TO_PATIENT = "console.claim-billed-to-patient";
    static final String DENIED = "console.claim-denied";
    static final String RECODE_REQUESTED = "console.recode-requested";
    static final String PAYMENT_POSTED = "console.payment-posted";

    private final TransactionalBatches batches;
    private final Map<String, Route<?>> routes;

    EventListeners(ReadModelWriter writer, TransactionalBatches batches) {
        this.batches = batches;
        this.routes = Map.of(
                Topics.ENCOUNTER_DOCUMENTED,
                new Route<>(
                        DOCUMENTED,
                        EventKind.DOCUMENTED,
                        EncounterDocumented.class,
                        EncounterDocumented::getEventId,
                        e -> writer.documented(EventMapping.entry(e), e.getDateOfService())),
                Topics.ENCOUNTER_CODED,
                new Route<>(
                        CODED,
                        EventKind.CODED,
                        EncounterCoded.class,
                        EncounterCoded::getEventId,
                        e -> writer.coded(EventMapping.entry(e), e.getDateOfService())),
                Topics.CLAIM_SUBMITTED,
                new Route<>(
                        SUBMITTED,
                        EventKind.SUBMITTED,
                        ClaimSubmitted.class,
                        ClaimSubmitted::getEventId,
                        e -> writer.submitted(EventMapping.entry(e), EventMapping.submission(e))),
                Topics.CLAIM_BILLED_TO_PATIENT,
                new Route<>(
                        BILLED_TO_PATIENT,
                        EventKind.BILLED_TO_PATIENT,
                        ClaimBilledToPatient.class,
                        ClaimBilledToPatient::getEventId,
                        e -> writer.billedToPatient(EventMapping.entry(e), EventMapping.billing(e))),
                Topics.CLAIM_DENIED,
                new Route<>(
                        DENIED,
                        EventKind.DENIED,
                        ClaimDenied.class,
                        ClaimDenied::getEventId,
                        e -> writer.denied(EventMapping.entry(e), e.getPayer().getName(), e.getPatientControlNumber())),
                Topics.RECODE_REQUESTED,
                new Route<>(
                        RECODE_REQUESTED,
                        EventKind.RECODE_REQUESTED,
                        RecodeRequested.class,
                        RecodeRequested::getEventId,
                        e -> writer.recodeRequested(EventMapping.entry(e))),
                Topics.PAYMENT_POSTED,
                new Route<>(
                        PAYMENT_POSTED,
                        EventKind.PAYMENT_POSTED,
                        PaymentPosted.class,
                        PaymentPosted::getEventId,
                        e -> writer.paymentPosted(
                                EventMapping.entry(e), e.getPayer().getName(), e.getPatientControlNumber())));
    }

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
            Route<?> route = routes.get(topic);
            if (route == null) {
                throw new IllegalStateException("the read model does not listen to topic " + topic);
            }
            route.handle(batches, run);
        }
    }

    /** A topic's run: its listener id, its events' kind (their marks' consumer id), type, event id and handler. */
    private record Route<V>(
            String listenerId,
            EventKind kind,
            Class<V> type,
            Function<? super V, ?> eventId,
            Consumer<? super V> handler) {

        void handle(TransactionalBatches batches, List<ConsumerRecord<String, Object>> run) {
            batches.handleOnce(
                    listenerId,
                    ReadModelWriter.consumer(kind),
                    TransactionalBatches.typed(run),
                    type,
                    null,
                    eventId,
                    handler);
        }
    }
}
