package io.claimflow.platform.kafka;

import static io.claimflow.platform.TestEvents.event;
import static io.claimflow.platform.TestEvents.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.platform.PlatformTest;
import io.claimflow.platform.TestEvents;
import io.claimflow.platform.testapp.PlatformTestApplication;
import io.claimflow.platform.testapp.PlatformTestEvent;
import io.claimflow.platform.testapp.TestListener;
import io.claimflow.testsupport.Records;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.KafkaHeaders;

/** What happens to records a listener cannot process: retries, dead-letter topic, and the partition moving on. */
@PlatformTest
class DeadLetterPublishingTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String DLT = PlatformTestApplication.EVENTS + ".dlt";

    @Autowired
    RawRecordTemplate rawRecordTemplate;

    @Autowired
    KafkaTemplate<Object, Object> kafkaTemplate;

    @Autowired
    ProducerFactory<Object, Object> producerFactory;

    @Autowired
    TestListener listener;

    @Test
    void recordThatIsNotConfluentAvroGoesToTheDeadLetterTopicAndThePartitionMovesOn() throws Exception {
        PlatformTestEvent next = event("ok");
        String key = next.getEncounterId();
        byte[] garbage = {42, 1, 2, 3, 4, 5, 6};

        RecordMetadata bad = rawRecordTemplate
                .kafkaTemplate()
                .send(PlatformTestApplication.EVENTS, 1, key, garbage)
                .get(30, TimeUnit.SECONDS)
                .getRecordMetadata();
        kafkaTemplate.send(PlatformTestApplication.EVENTS, 1, key, next).get(30, TimeUnit.SECONDS);

        assertThat(listener.processedFuture(next.getEventId()).get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo(next);
        ConsumerRecord<String, byte[]> dead = deadLetter(key);
        assertThat(dead.partition()).isEqualTo(1);
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(header(dead, DeadLetterConventions.REASON_HEADER))
                .startsWith("value could not be deserialized: ")
                .contains("magic byte");
        assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_FQCN))
                .isEqualTo("org.springframework.kafka.support.serializer.DeserializationException");
        assertThat(header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(PlatformTestApplication.EVENTS);
        assertThat(ByteBuffer.wrap(dead.headers()
                                .lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET)
                                .value())
                        .getLong())
                .isEqualTo(bad.offset());
        assertThat(dead.headers().lastHeader(RawValueRetainingDeserializer.RAW_VALUE_HEADER))
                .isNull();
        assertThat(listener.attempts(next.getEventId())).isEqualTo(1);
    }

    @Test
    void illegalArgumentIsNotRetriedAndTheOriginalBytesAreDeadLettered() throws Exception {
        PlatformTestEvent rejected = event("reject");
        // Written with a newer schema than the listener's class: re-serializing the decoded record would give other
        // bytes (another schema id, no extra field), so only the original bytes pass.
        Schema newer = SchemaBuilder.record("PlatformTestEvent")
                .namespace("io.claimflow.platform.testapp")
                .fields()
                .requiredString("eventId")
                .requiredString("encounterId")
                .requiredString("instruction")
                .name("addedLater")
                .type()
                .stringType()
                .stringDefault("")
                .endRecord();
        GenericRecord written = new GenericRecordBuilder(newer)
                .set("eventId", rejected.getEventId())
                .set("encounterId", rejected.getEncounterId())
                .set("instruction", rejected.getInstruction())
                .set("addedLater", "only in the newer schema")
                .build();
        byte[] bytes = TestEvents.serializer(producerFactory).serialize(PlatformTestApplication.EVENTS, written);

        rawRecordTemplate
                .kafkaTemplate()
                .send(PlatformTestApplication.EVENTS, 0, rejected.getEncounterId(), bytes)
                .get(30, TimeUnit.SECONDS);

        ConsumerRecord<String, byte[]> dead = deadLetter(rejected.getEncounterId());
        assertThat(dead.partition()).isEqualTo(0);
        assertThat(dead.value()).isEqualTo(bytes);
        assertThat(header(dead, DeadLetterConventions.REASON_HEADER))
                .isEqualTo(
                        "not retryable: IllegalArgumentException: test event " + rejected.getEventId() + " rejected");
        assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN))
                .isEqualTo(IllegalArgumentException.class.getName());
        // The recoverer runs after the last attempt, so the count is final once the dead letter exists.
        assertThat(listener.attempts(rejected.getEventId())).isEqualTo(1);
    }

    @Test
    void retryableFailureIsRetriedWithBackOffAndThenSucceeds() throws Exception {
        PlatformTestEvent flaky = event("fail-times:2");

        kafkaTemplate
                .send(PlatformTestApplication.EVENTS, flaky.getEncounterId(), flaky)
                .get(30, TimeUnit.SECONDS);

        assertThat(listener.processedFuture(flaky.getEventId()).get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo(flaky);
        assertThat(listener.attempts(flaky.getEventId())).isEqualTo(3);
    }

    @Test
    void retryableFailureIsDeadLetteredAfterTheLastRetry() throws Exception {
        PlatformTestEvent failing = event("fail-times:100");

        kafkaTemplate
                .send(PlatformTestApplication.EVENTS, failing.getEncounterId(), failing)
                .get(30, TimeUnit.SECONDS);

        ConsumerRecord<String, byte[]> dead = deadLetter(failing.getEncounterId());
        assertThat(header(dead, DeadLetterConventions.REASON_HEADER))
                .isEqualTo("failed after 4 attempts: IllegalStateException: test event " + failing.getEventId()
                        + " failed attempt 4");
        assertThat(listener.attempts(failing.getEventId())).isEqualTo(4);
    }

    private static ConsumerRecord<String, byte[]> deadLetter(String key) {
        List<ConsumerRecord<String, byte[]>> records =
                Records.awaitRecords(DLT, 1, WAIT, new ByteArrayDeserializer(), record -> key.equals(record.key()));
        assertThat(records).hasSize(1);
        return records.get(0);
    }
}
