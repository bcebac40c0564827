package io.claimflow.platform.outbox;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.SenderContext;
import java.util.LinkedHashMap;
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
 * least once, in append order.
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
        String[] headers = traceHeaders(topic);
        jdbc.update(
                "INSERT INTO " + PlatformSchema.SCHEMA + ".outbox (id, topic, key, payload, headers) "
                        + "VALUES (?, ?, ?, ?, ?)",
                id,
                topic,
                key,
                payload,
                headers);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    afterCommit.run();
                }
            });
        }
        return id;
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
