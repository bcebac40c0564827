package io.claimflow.platform.outbox;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.SenderContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends an event to the transactional outbox, inside the caller's database transaction: the event is published
 * if and only if that transaction commits (docs/architecture.md, section 7). {@link OutboxRelay} sends it afterwards, at
 * least once, in append order. The rows of one transaction are inserted together, in append order, just before it
 * commits (one JDBC batch per transaction); the transaction itself does not read them back.
 *
 * <p>The event is serialized here, with the schema-registry serde and the same settings as the Kafka producer, and
 * stored as the exact bytes that will go on the wire. Why: the relay stays generic (no Avro classes, no registry
 * on the publishing path), a row means the same bytes whatever code version later sends it, and an event that
 * cannot be serialized (unknown schema, incompatible change) fails the business transaction instead of poisoning the
 * outbox. The price, a registry call on the first append of each event type, is cached after that.
 *
 * <p>The current trace context goes with the row ({@code headers}): an {@value #OBSERVATION} observation (a short span,
 * child of e.g. the listener's) injects its propagation headers ({@code traceparent}) there, and the relay continues
 * from them, so one encounter's events stay one trace across the outbox.
 */
public class OutboxWriter {

    /** Name of the observation (span) around an append. */
    public static final String OBSERVATION = "claimflow.outbox.append";

    private static final String INSERT = "INSERT INTO " + PlatformSchema.SCHEMA
            + ".outbox (id, topic, key, payload, headers) VALUES (?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final Serializer<Object> serializer;
    private final Runnable afterCommit;
    private final ObservationRegistry observationRegistry;

    OutboxWriter(
            JdbcTemplate jdbc,
            Serializer<Object> serializer,
            Runnable afterCommit,
            ObservationRegistry observationRegistry) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.afterCommit = afterCommit;
        this.observationRegistry = observationRegistry;
    }

    /**
     * Stores {@code event} for publication to {@code topic} with {@code key} (the encounter id).
     *
     * @return the outbox row id
     * @throws IllegalTransactionStateException when called outside a transaction
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID append(String topic, String key, SpecificRecord event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException(
                    "OutboxWriter.append must run inside the caller's database transaction");
        }
        if (topic == null || topic.isBlank() || event == null) {
            throw new IllegalArgumentException("topic and event are required");
        }
        byte[] payload = serializer.serialize(topic, event);
        UUID id = UUID.randomUUID();
        Object[] row = {id, topic, key, payload, traceHeaders(topic)};
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            jdbc.update(INSERT, row);
            return id;
        }
        Pending pending = pending();
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.rows.add(row);
        return id;
    }

    // this writer's rows of the current transaction (a suspended outer transaction's synchronizations are not listed)
    private Pending pending() {
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof Pending pending && pending.writer() == this) {
                return pending;
            }
        }
        return null;
    }

    /**
     * The rows a transaction appended, inserted in append order in one JDBC batch just before it commits (one round
     * trip per transaction, e.g. per listener batch, instead of one per event); after the commit the relay is woken.
     * A failing insert fails the commit: the transaction rolls back, as an immediate insert's failure would have.
     */
    private final class Pending implements TransactionSynchronization {

        private final List<Object[]> rows = new ArrayList<>();

        OutboxWriter writer() {
            return OutboxWriter.this;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (rows.size() == 1) {
                jdbc.update(INSERT, rows.get(0));
            } else if (!rows.isEmpty()) {
                jdbc.batchUpdate(INSERT, rows);
            }
        }

        @Override
        public void afterCommit() {
            afterCommit.run();
        }
    }

    // The tracing handler injects into the carrier when the observation starts; without tracing it stays empty.
    private String[] traceHeaders(String topic) {
        Map<String, String> carrier = new LinkedHashMap<>();
        SenderContext<Map<String, String>> context = new SenderContext<>(Map::put);
        context.setCarrier(carrier);
        context.setRemoteServiceName("kafka");
        Observation.createNotStarted(OBSERVATION, () -> context, observationRegistry)
                .contextualName("outbox append " + topic)
                .lowCardinalityKeyValue("topic", topic)
                .start()
                .stop();
        if (carrier.isEmpty()) {
            return null;
        }
        String[] pairs = new String[carrier.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> header : carrier.entrySet()) {
            pairs[i++] = header.getKey();
            pairs[i++] = header.getValue();
        }
        return pairs;
    }
}
