package io.claimflow.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what a test's code under test wrote to a topic on the shared broker: every partition from the beginning,
 * committed records only (read_committed), keys as strings, headers kept. No consumer group is joined, so nothing
 * is committed and each call sees the whole topic afresh.
 */
public final class Records {

    private static final Duration POLL = Duration.ofMillis(100);

    private Records() {}

    /** Waits until the topic holds at least {@code count} records; returns all read so far (values as bytes). */
    public static List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, int count, Duration timeout) {
        return awaitRecords(topic, count, timeout, new ByteArrayDeserializer(), record -> true);
    }

    /**
     * As {@link #awaitRecords(String, int, Duration)} with values read by {@code valueDeserializer}, which must be
     * configured already and is closed afterwards.
     */
    public static <V> List<ConsumerRecord<String, V>> awaitRecords(
            String topic, int count, Duration timeout, Deserializer<V> valueDeserializer) {
        return awaitRecords(topic, count, timeout, valueDeserializer, record -> true);
    }

    /**
     * Waits until at least {@code count} records on the topic match {@code filter} (say, one encounter's key, since
     * other test classes share the broker) and returns the matching records read so far, in partition order.
     *
     * @throws AssertionError when fewer matched within {@code timeout}
     */
    public static <V> List<ConsumerRecord<String, V>> awaitRecords(
            String topic,
            int count,
            Duration timeout,
            Deserializer<V> valueDeserializer,
            Predicate<? super ConsumerRecord<String, V>> filter) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, V>> matching = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer =
                new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), valueDeserializer)) {
            List<TopicPartition> partitions = awaitPartitions(consumer, topic, deadline);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (matching.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, V> record : consumer.poll(POLL)) {
                    if (filter.test(record)) {
                        matching.add(record);
                    }
                }
            }
        }
        if (matching.size() < count) {
            throw new AssertionError("Expected at least " + count + " record(s) on " + topic + " within " + timeout
                    + ", found " + matching.size());
        }
        return matching;
    }

    private static Map<String, Object> consumerConfig() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                // Looking must not create the topic: the code under test should.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
    }

    private static List<TopicPartition> awaitPartitions(KafkaConsumer<?, ?> consumer, String topic, long deadline) {
        while (true) {
            List<PartitionInfo> infos = List.of();
            try {
                List<PartitionInfo> found = consumer.partitionsFor(topic, POLL);
                infos = found == null ? List.of() : found;
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // Not there yet.
            }
            if (!infos.isEmpty()) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (PartitionInfo info : infos) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
                return partitions;
            }
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("Topic " + topic + " does not exist");
            }
            sleep(POLL);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a topic", e);
        }
    }
}
