package io.claimflow.platform.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the shared Kafka wiring, prefix {@code claimflow.kafka}. Connection, serde registry keys and consumer
 * group stay in Spring Boot's own {@code spring.kafka.*} properties.
 *
 * @param createTopics whether to declare every ClaimFlow topic and its dead-letter topic at start-up
 * @param partitions partitions of each declared topic (a dead-letter topic has as many as its topic, so that a dead
 *     letter keeps its original partition)
 * @param replicationFactor replication factor of each declared topic: 1 for one broker, 3 for a cluster
 * @param minInsyncReplicas {@code min.insync.replicas} of each declared topic: replicas that must have a write before
 *     an {@code acks=all} producer is answered; 1 for one broker, 2 with three replicas (one broker may be lost)
 * @param deadLetterRetention how long a dead-letter topic keeps records (delete policy; longer than the topics'
 *     broker default so that someone has time to look)
 * @param retry how a failing listener is retried before its record goes to the dead-letter topic
 * @param producer batching and compression of every producer the services build from Spring's producer factory
 * @param consumer how long an idle consumer's fetch waits at the broker
 */
@ConfigurationProperties("claimflow.kafka")
public record ClaimFlowKafkaProperties(
        @DefaultValue("true") boolean createTopics,
        @DefaultValue("12") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("1") int minInsyncReplicas,
        @DefaultValue("28d") Duration deadLetterRetention,
        @DefaultValue Retry retry,
        @DefaultValue Producer producer,
        @DefaultValue Consumer consumer) {

    /**
     * Bounded exponential back-off of the listener error handler. Records that fail with a non-retryable error
     * (deserialization, validation, {@link IllegalArgumentException}) are not retried at all.
     *
     * @param maxRetries redeliveries after the first failed one; 0 sends a failing record straight to the DLT
     * @param initialInterval wait before the first redelivery
     * @param multiplier growth of the wait per redelivery
     * @param maxInterval cap of one wait; keep the sum of waits well under {@code max.poll.interval.ms}
     */
    public record Retry(
            @DefaultValue("3") int maxRetries,
            @DefaultValue("500ms") Duration initialInterval,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("10s") Duration maxInterval) {}

    /**
     * Producer batching, applied unless {@code spring.kafka.producer.*} sets the same key. The defaults are the
     * figures measured on the stack (docs/benchmark/warmup.md).
     *
     * @param linger how long a producer waits for more records before it sends a batch ({@code linger.ms})
     * @param compression {@code compression.type}: none, gzip, snappy, lz4 or zstd
     */
    public record Producer(
            @DefaultValue("5ms") Duration linger,
            @DefaultValue("none") String compression) {}

    /**
     * Consumer fetching, applied unless {@code spring.kafka.consumer.*} sets the same key.
     *
     * @param fetchMaxWait longest a fetch waits at the broker for {@code fetchMinBytes} ({@code fetch.max.wait.ms});
     *     with the default minimum a record arriving ends the wait at once, so a longer wait costs no latency and
     *     makes fewer idle round trips
     * @param fetchMinBytes what a fetch waits for at the broker, up to {@code fetchMaxWait} ({@code fetch.min.bytes}):
     *     1 byte (the default) answers at once; a service off the latency path (a read model, a ledger, a gateway
     *     that batches claims for seconds anyway) sets more so that a busy pipeline hands it fewer, larger polls:
     *     fewer fetches, offset commits and transactions per record, at the price of up to {@code fetchMaxWait} of
     *     latency when the pipeline is quiet
     */
    public record Consumer(
            @DefaultValue("500ms") Duration fetchMaxWait,
            @DefaultValue("1B") DataSize fetchMinBytes) {}
}
