package io.claimflow.platform.kafka;

import io.claimflow.platform.observability.Redaction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

/**
 * Publishes a failed record to {@code <topic>.dlt}, same partition, with its original value bytes, Spring's
 * {@code kafka_dlt-*} headers and {@value DeadLetterConventions#REASON_HEADER}. Counts each in
 * {@value #DEAD_LETTERED} (tags: original topic and reason kind).
 */
final class DeadLetterRecoverer extends DeadLetterPublishingRecoverer {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRecoverer.class);

    /** Counter of records sent to a dead-letter topic. */
    static final String DEAD_LETTERED = "claimflow.events.dead.lettered";

    private final DeadLetterReasons reasons;
    private final MeterRegistry meterRegistry;

    DeadLetterRecoverer(
            KafkaOperations<?, ?> rawTemplate,
            KafkaOperations<?, ?> avroTemplate,
            DeadLetterReasons reasons,
            MeterRegistry meterRegistry) {
        super(
                templates(rawTemplate, avroTemplate),
                (record, exception) ->
                        new TopicPartition(DeadLetterConventions.deadLetterTopic(record.topic()), record.partition()));
        addHeadersFunction((record, exception) -> {
            Headers headers = new RecordHeaders();
            headers.add(
                    DeadLetterConventions.REASON_HEADER,
                    reasons.reason(exception).getBytes(StandardCharsets.UTF_8));
            return headers;
        });
        // Spring's headers would carry the exception messages and stack trace as they are; libraries quote data in
        // them (a failing row, a whole message payload).
        setExceptionHeadersCreator(DeadLetterRecoverer::exceptionHeaders);
        this.reasons = reasons;
        this.meterRegistry = meterRegistry;
    }

    private static void exceptionHeaders(Headers headers, Exception exception, boolean isKey, HeaderNames names) {
        HeaderNames.ExceptionInfo info = names.getExceptionInfo();
        replace(
                headers,
                isKey ? info.getKeyExceptionFqcn() : info.getExceptionFqcn(),
                exception.getClass().getName());
        if (!isKey && exception.getCause() != null) {
            replace(
                    headers,
                    info.getExceptionCauseFqcn(),
                    exception.getCause().getClass().getName());
        }
        String message = Redaction.message(exception);
        if (message != null) {
            replace(headers, isKey ? info.getKeyExceptionMessage() : info.getExceptionMessage(), message);
        }
        replace(
                headers,
                isKey ? info.getKeyExceptionStacktrace() : info.getExceptionStacktrace(),
                Redaction.stackTrace(exception));
    }

    private static void replace(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    // Spring logs a successful dead-lettering at debug only. Coordinates, key (an encounter id) and exception class:
    // exception messages may quote field values, so they stay in the headers.
    @Override
    public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception failure) {
        Exception exception = unwrapBatch(failure);
        super.accept(record, consumer, exception);
        Counter.builder(DEAD_LETTERED)
                .description("Records sent to their dead-letter topic, by original topic and reason kind")
                .tag("topic", record.topic())
                .tag("reason", reasons.kind(exception))
                .register(meterRegistry)
                .increment();
        LOG.warn(
                "Dead-lettered {}-{}@{} key {} to {} ({})",
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                DeadLetterConventions.deadLetterTopic(record.topic()),
                reasons.category(exception));
    }

    // A batch listener names its failed record with a BatchListenerFailedException around the record's own failure;
    // the dead letter carries what a record listener's would: the record's failure under Spring's listener wrapper,
    // with the consumer group (Spring's original-consumer-group header, which replays select by, comes from it).
    static Exception unwrapBatch(Exception failure) {
        String groupId = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ListenerExecutionFailedException listener && groupId == null) {
                groupId = listener.getGroupId();
            }
            if (t instanceof BatchListenerFailedException batch && batch.getCause() != null) {
                return new ListenerExecutionFailedException("Listener failed", groupId, batch.getCause());
            }
        }
        return failure;
    }

    // byte[] values (the normal case) go out untouched; a decoded value only when no raw bytes were retained,
    // e.g. a listener that overrides the value deserializer.
    private static Map<Class<?>, KafkaOperations<?, ?>> templates(
            KafkaOperations<?, ?> raw, KafkaOperations<?, ?> avro) {
        Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
        templates.put(byte[].class, raw);
        templates.put(Object.class, avro);
        return templates;
    }

    @Override
    protected ProducerRecord<Object, Object> createProducerRecord(
            ConsumerRecord<?, ?> record, TopicPartition topicPartition, Headers headers, byte[] key, byte[] value) {
        Header raw = headers.lastHeader(RawValueRetainingDeserializer.RAW_VALUE_HEADER);
        headers.remove(RawValueRetainingDeserializer.RAW_VALUE_HEADER);
        byte[] originalValue = value != null ? value : raw != null ? raw.value() : null;
        return super.createProducerRecord(record, topicPartition, headers, key, originalValue);
    }
}
