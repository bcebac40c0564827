package io.claimflow.platform.kafka;

import io.micrometer.observation.ObservationRegistry;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * A Kafka producer for values that are already bytes in their final wire format: dead letters, replays and outbox
 * rows. Same connection and reliability settings as the application's producer (idempotent, {@code acks=all}), but
 * a {@link ByteArraySerializer} for values and never transactional.
 *
 * <p>Observed like the application's template (trace context into the record headers,
 * {@code claimflow.events.produced}) and with the same producer listeners (Boot's Kafka client metrics).
 *
 * <p>Deliberately not a {@link KafkaTemplate} bean, so that Spring Boot still creates the application's own
 * template.
 */
public final class RawRecordTemplate implements DisposableBean {

    private final DefaultKafkaProducerFactory<String, byte[]> producerFactory;
    private final KafkaTemplate<String, byte[]> template;

    @SuppressWarnings({"unchecked", "rawtypes"})
    RawRecordTemplate(ProducerFactory<?, ?> applicationProducerFactory, ObservationRegistry observationRegistry) {
        Map<String, Object> configs = new HashMap<>(applicationProducerFactory.getConfigurationProperties());
        configs.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        configs.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        configs.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        Object clientId = configs.get(ProducerConfig.CLIENT_ID_CONFIG);
        if (clientId != null) {
            configs.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-raw");
        }
        this.producerFactory = new DefaultKafkaProducerFactory<>(configs);
        for (ProducerFactory.Listener listener : applicationProducerFactory.getListeners()) {
            producerFactory.addListener(listener);
        }
        this.template = new KafkaTemplate<>(producerFactory);
        template.setBeanName("claimFlowRawRecordTemplate");
        template.setObservationRegistry(observationRegistry);
        template.setObservationEnabled(observationRegistry != ObservationRegistry.NOOP);
    }

    /** The template; its values are written as they are. */
    public KafkaTemplate<String, byte[]> kafkaTemplate() {
        return template;
    }

    @Override
    public void destroy() {
        producerFactory.destroy();
    }
}
