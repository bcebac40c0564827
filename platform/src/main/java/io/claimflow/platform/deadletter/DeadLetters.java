package io.claimflow.platform.deadletter;

import io.claimflow.platform.kafka.DeadLetterConventions;
import io.claimflow.platform.kafka.RawRecordTemplate;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Lists the records on a dead-letter topic and replays one of them to the topic it failed on.
 *
 * <p>Topics may be named either way: {@code claimflow.claim.submitted.v1} and
 * {@code claimflow.claim.submitted.v1.dlt} both mean the latter. Reads use a short-lived consumer without a group,
 * so they commit nothing and disturb no listener. Payloads are never logged or returned.
 */
public class DeadLetters {

    /** Most records {@link #list} returns per partition. */
    public static final int MAX_LIMIT = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private final Map<String, Object> consumerConfig;
    private final RawRecordTemplate rawRecordTemplate;
    private final Duration timeout;

    /**
     * @param consumerFactory the application's consumer factory, for connection and security settings
     * @param rawRecordTemplate producer that writes replayed bytes unchanged
     * @param timeout bound of each broker round trip
     */
    public DeadLetters(ConsumerFactory<?, ?> consumerFactory, RawRecordTemplate rawRecordTemplate, Duration timeout) {
        Map<String, Object> config = new HashMap<>(consumerFactory.getConfigurationProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.CLIENT_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumerConfig = Map.copyOf(config);
        this.rawRecordTemplate = rawRecordTemplate;
        this.timeout = timeout;
    }

    /**
     * The last {@code limitPerPartition} dead letters of each partition of {@code topic}'s dead-letter topic, by
     * partition then offset.
     *
     * @throws IllegalArgumentException for a malformed topic name or a limit outside 1..{@value #MAX_LIMIT}
     * @throws DeadLetterNotFoundException when the dead-letter topic does not exist
     */
    public List<DeadLetter> list(String topic, int limitPerPartition) {
        String deadLetterTopic = deadLetterTopicOf(topic);
        if (limitPerPartition < 1 || limitPerPartition > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        try (Consumer<String, byte[]> consumer = newConsumer()) {
            List<TopicPartition> partitions = partitions(consumer, deadLetterTopic);
            // Assigned before asking for offsets: the consumer complains about offsets of unassigned partitions.
            consumer.assign(partitions);
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, timeout);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Long> toRead = new HashMap<>();
            for (TopicPartition partition : partitions) {
                long from = Math.max(beginning.get(partition), end.get(partition) - limitPerPartition);
                consumer.seek(partition, from);
                if (from < end.get(partition)) {
                    toRead.put(partition, from);
                }
            }
            List<DeadLetter> letters = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!toRead.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    letters.add(describe(record));
                }
                // Positions, not record offsets: transaction markers take offsets that no record has.
                toRead.keySet().removeIf(partition -> consumer.position(partition) >= end.get(partition));
            }
            letters.sort(Comparator.comparingInt(DeadLetter::partition).thenComparingLong(DeadLetter::offset));
            return letters;
        }
    }

    /**
     * Writes the dead letter at {@code partition}/{@code offset} back to the topic (and partition) it failed on,
     * with its original key, value bytes and headers, minus the dead-letter headers, plus
     * {@value DeadLetterConventions#REPLAYED_FROM_HEADER}. Waits for the broker's acknowledgement. Replaying twice
     * delivers twice; consumers are idempotent.
     *
     * @throws IllegalArgumentException for a malformed topic name or negative coordinates
     * @throws DeadLetterNotFoundException when no such dead letter exists
     */
    public ReplayResult replay(String topic, int partition, long offset) {
        String deadLetterTopic = deadLetterTopicOf(topic);
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("partition and offset must not be negative");
        }
        ConsumerRecord<String, byte[]> record = read(deadLetterTopic, partition, offset);
        String targetTopic = headerString(record.headers(), KafkaHeaders.DLT_ORIGINAL_TOPIC);
        if (targetTopic == null) {
            targetTopic = DeadLetterConventions.originalTopic(deadLetterTopic);
        }
        Integer targetPartition = headerInt(record.headers(), KafkaHeaders.DLT_ORIGINAL_PARTITION);
        String replayedFrom = deadLetterTopic + "/" + partition + "/" + offset;
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!isDeadLetterHeader(header.key())) {
                headers.add(header);
            }
        }
        headers.add(DeadLetterConventions.REPLAYED_FROM_HEADER, replayedFrom.getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, byte[]> out =
                new ProducerRecord<>(targetTopic, targetPartition, record.key(), record.value(), headers);
        RecordMetadata sent = send(out);
        LOG.info("Replayed dead letter {} to {}-{}@{}", replayedFrom, sent.topic(), sent.partition(), sent.offset());
        return new ReplayResult(deadLetterTopic, partition, offset, sent.topic(), sent.partition(), sent.offset());
    }

    private RecordMetadata send(ProducerRecord<String, byte[]> out) {
        try {
            return rawRecordTemplate
                    .kafkaTemplate()
                    .send(out)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .getRecordMetadata();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while replaying to " + out.topic(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("Replay to " + out.topic() + " was not acknowledged", e);
        }
    }

    private ConsumerRecord<String, byte[]> read(String deadLetterTopic, int partition, long offset) {
        try (Consumer<String, byte[]> consumer = newConsumer()) {
            List<TopicPartition> partitions = partitions(consumer, deadLetterTopic);
            TopicPartition wanted = new TopicPartition(deadLetterTopic, partition);
            if (!partitions.contains(wanted)) {
                throw new DeadLetterNotFoundException(deadLetterTopic + " has no partition " + partition);
            }
            consumer.assign(List.of(wanted));
            long beginning = consumer.beginningOffsets(List.of(wanted), timeout).get(wanted);
            long end = consumer.endOffsets(List.of(wanted), timeout).get(wanted);
            if (offset < beginning || offset >= end) {
                throw notFound(deadLetterTopic, partition, offset);
            }
            consumer.seek(wanted, offset);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && consumer.position(wanted) <= offset) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == offset) {
                        return record;
                    }
                    if (record.offset() > offset) {
                        throw notFound(deadLetterTopic, partition, offset);
                    }
                }
            }
            throw notFound(deadLetterTopic, partition, offset);
        }
    }

    private static DeadLetterNotFoundException notFound(String topic, int partition, long offset) {
        return new DeadLetterNotFoundException("No dead letter at " + topic + "/" + partition + "/" + offset);
    }

    private List<TopicPartition> partitions(Consumer<String, byte[]> consumer, String deadLetterTopic) {
        List<PartitionInfo> infos = consumer.partitionsFor(deadLetterTopic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new DeadLetterNotFoundException("No dead-letter topic " + deadLetterTopic);
        }
        return infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .toList();
    }

    private Consumer<String, byte[]> newConsumer() {
        return new KafkaConsumer<>(consumerConfig);
    }

    static String deadLetterTopicOf(String topic) {
        if (topic == null || !TOPIC_NAME.matcher(topic).matches()) {
            throw new IllegalArgumentException(
                    "Topic names are 1 to 249 characters of letters, digits, '.', '_' and '-'");
        }
        String deadLetterTopic =
                DeadLetterConventions.isDeadLetterTopic(topic) ? topic : DeadLetterConventions.deadLetterTopic(topic);
        if (deadLetterTopic.length() > 249) {
            throw new IllegalArgumentException("Topic name too long: " + topic.length() + " characters");
        }
        return deadLetterTopic;
    }

    private static boolean isDeadLetterHeader(String key) {
        return key.startsWith(KafkaHeaders.PREFIX + "dlt-")
                || key.equals(DeadLetterConventions.REASON_HEADER)
                || key.equals(DeadLetterConventions.REPLAYED_FROM_HEADER);
    }

    private static DeadLetter describe(ConsumerRecord<String, byte[]> record) {
        Headers headers = record.headers();
        String originalTopic = headerString(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC);
        return new DeadLetter(
                record.topic(),
                record.partition(),
                record.offset(),
                Instant.ofEpochMilli(record.timestamp()),
                record.key(),
                originalTopic != null ? originalTopic : DeadLetterConventions.originalTopic(record.topic()),
                headerInt(headers, KafkaHeaders.DLT_ORIGINAL_PARTITION),
                headerLong(headers, KafkaHeaders.DLT_ORIGINAL_OFFSET),
                headerString(headers, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP),
                headerString(headers, DeadLetterConventions.REASON_HEADER),
                headerString(headers, KafkaHeaders.DLT_EXCEPTION_FQCN),
                headerString(headers, DeadLetterConventions.REPLAYED_FROM_HEADER),
                record.value() == null ? -1 : record.value().length);
    }

    private static String headerString(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    // Spring Kafka writes the original partition as a 4-byte and offsets as 8-byte big-endian numbers.
    private static Integer headerInt(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null || header.value().length != Integer.BYTES
                ? null
                : ByteBuffer.wrap(header.value()).getInt();
    }

    private static Long headerLong(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null || header.value().length != Long.BYTES
                ? null
                : ByteBuffer.wrap(header.value()).getLong();
    }
}
