package io.claimflow.platform;

import io.claimflow.platform.testapp.PlatformTestEvent;
import io.claimflow.schemas.serde.ConfluentAvroSerializer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.core.ProducerFactory;

/** Helpers shared by the platform's integration tests. */
public final class TestEvents {

    private TestEvents() {}

    /** A new event with a random event id and encounter id. */
    public static PlatformTestEvent event(String instruction) {
        return new PlatformTestEvent(UUID.randomUUID().toString(), "enc-" + UUID.randomUUID(), instruction);
    }

    /** A serializer configured exactly like the application's producer. */
    public static ConfluentAvroSerializer serializer(ProducerFactory<?, ?> producerFactory) {
        Map<String, Object> configs = new HashMap<>(producerFactory.getConfigurationProperties());
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer();
        serializer.configure(configs, false);
        return serializer;
    }

    /** A header's value as text, or null. */
    public static String header(ConsumerRecord<?, ?> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
