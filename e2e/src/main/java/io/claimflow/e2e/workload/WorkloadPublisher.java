package io.claimflow.e2e.workload;

import io.claimflow.events.EncounterDocumented;
import io.claimflow.schemas.Topics;
import io.claimflow.schemas.serde.ConfluentAvroSerializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes generated encounters to {@link Topics#ENCOUNTER_DOCUMENTED} the way an EHR integration should: key =
 * encounter id, value in the Confluent wire format through the registry ({@link ConfluentAvroSerializer}),
 * {@code acks=all}, idempotent producer; at a fixed rate or as fast as the broker takes them.
 */
public final class WorkloadPublisher implements AutoCloseable {

    private final KafkaProducer<String, Object> producer;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /** A producer for {@code bootstrapServers}, registering schemas at {@code schemaRegistryUrl}. */
    public WorkloadPublisher(String bootstrapServers, String schemaRegistryUrl) {
        this(bootstrapServers, schemaRegistryUrl, Map.of());
    }

    /** As above, with extra producer settings (Kafka and Confluent keys). */
    public WorkloadPublisher(String bootstrapServers, String schemaRegistryUrl, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ConfluentAvroSerializer.class.getName());
        config.put("schema.registry.url", schemaRegistryUrl);
        // the local stack's registry requires HTTP Basic (./stack exports its login for the demo)
        String registryLogin = System.getenv("CLAIMFLOW_REGISTRY_USER_INFO");
        if (registryLogin != null && !registryLogin.isBlank()) {
            config.put("basic.auth.credentials.source", "USER_INFO");
            config.put("basic.auth.user.info", registryLogin);
        }
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "claimflow-workload");
        config.putAll(extra);
        Properties properties = new Properties();
        properties.putAll(config);
        this.producer = new KafkaProducer<>(properties);
    }

    /** Sends one encounter asynchronously. */
    public void send(EncounterDocumented event) {
        Exception earlier = failure.get();
        if (earlier != null) {
            throw new IllegalStateException("an earlier send failed", earlier);
        }
        producer.send(
                new ProducerRecord<>(Topics.ENCOUNTER_DOCUMENTED, event.getEncounterId(), event),
                (metadata, exception) -> {
                    if (exception != null) {
                        failure.compareAndSet(null, exception);
                    } else {
                        acknowledged.incrementAndGet();
                    }
                });
    }

    /**
     * Publishes {@code count} encounters from {@code generator}, {@code perSecond} a second (0 or less: as fast as
     * possible), calling {@code onEach} with every generated encounter before it is sent; waits for every ack.
     */
    public void publish(
            WorkloadGenerator generator, int count, double perSecond, Consumer<WorkloadGenerator.Generated> onEach) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (perSecond > 0) {
                long due = start + (long) (i * 1_000_000_000L / perSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while publishing", e);
                    }
                }
            }
            WorkloadGenerator.Generated generated = generator.next();
            onEach.accept(generated);
            send(generated.event());
        }
        flush();
    }

    /** Waits until every record sent so far is acknowledged; fails if any send failed. */
    public void flush() {
        producer.flush();
        Exception earlier = failure.get();
        if (earlier != null) {
            throw new IllegalStateException("a send failed", earlier);
        }
    }

    /** Records the broker has acknowledged. */
    public long acknowledged() {
        return acknowledged.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
