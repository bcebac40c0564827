package io.claimflow.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's durable storage: one compacted, single-partition Kafka topic (Confluent keeps its schemas the same
 * way). {@link #replay} reads it from the beginning to its end offset; {@link #append} returns only once the broker
 * has acknowledged the record with acks=all.
 */
final class KafkaLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaLog.class);

    /** How long start-up may wait for the broker (topic creation, reading the topic). */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(40);

    private final String bootstrapServers;
    private final TopicPartition partition;
    private final KafkaProducer<byte[], byte[]> producer;

    private KafkaLog(String bootstrapServers, String topic, KafkaProducer<byte[], byte[]> producer) {
        this.bootstrapServers = bootstrapServers;
        this.partition = new TopicPartition(topic, 0);
        this.producer = producer;
    }

    /** Creates the topic if it is missing and opens the producer. */
    static KafkaLog open(String bootstrapServers, String topic) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "schema-registry-admin",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) STARTUP_TIMEOUT.toMillis()))) {
            ensureTopic(admin, topic);
        }
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-producer",
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                        // writes are serialised by the registry anyway; one in flight keeps the log in call order
                        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                        ProducerConfig.LINGER_MS_CONFIG, 0,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000),
                new ByteArraySerializer(),
                new ByteArraySerializer());
        return new KafkaLog(bootstrapServers, topic, producer);
    }

    private static void ensureTopic(Admin admin, String topic) {
        try {
            int brokers = admin.describeCluster().nodes().get().size();
            short replicationFactor = (short) Math.max(1, Math.min(3, brokers));
            NewTopic newTopic = new NewTopic(topic, 1, replicationFactor)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                admin.createTopics(List.of(newTopic)).all().get();
                LOG.info(
                        "Created schema topic {} (compacted, 1 partition, replication factor {})",
                        topic,
                        replicationFactor);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                verifyExistingTopic(admin, topic);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while preparing schema topic " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot prepare schema topic " + topic + ": " + e.getCause(), e);
        }
    }

    private static void verifyExistingTopic(Admin admin, String topic) throws InterruptedException, ExecutionException {
        TopicDescription description =
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        if (description.partitions().size() != 1) {
            // with more partitions the total order of writes, and so the meaning of the log, is lost
            throw new IllegalStateException("Schema topic " + topic + " must have exactly 1 partition, has "
                    + description.partitions().size());
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        if (policy == null || !policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            LOG.warn(
                    "Schema topic {} has cleanup.policy={}, not compact: schemas may be lost to retention",
                    topic,
                    policy == null ? null : policy.value());
        }
    }

    /** Reads every record from the beginning of the topic up to its end offset at the time of the call. */
    void replay(BiConsumer<byte[], byte[]> handler) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "schema-registry-reader",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), STARTUP_TIMEOUT).get(partition);
            long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
            long records = 0;
            while (consumer.position(partition, STARTUP_TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Timed out reading schema topic " + partition.topic());
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end) {
                        handler.accept(record.key(), record.value());
                        records++;
                    }
                }
            }
            LOG.info("Read {} records from schema topic {} (end offset {})", records, partition.topic(), end);
        }
    }

    /** Appends a record (a null value is a tombstone) and waits for the broker to acknowledge it. */
    void append(byte[] key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), key, value))
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.store("interrupted while writing to Kafka", e);
        } catch (ExecutionException e) {
            throw RegistryException.store(
                    "cannot write to Kafka: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw RegistryException.store("timed out writing to Kafka", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
