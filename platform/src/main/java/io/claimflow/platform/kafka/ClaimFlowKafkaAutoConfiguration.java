package io.claimflow.platform.kafka;

import io.claimflow.schemas.Topics;
import io.claimflow.schemas.serde.ConfluentAvroDeserializer;
import io.claimflow.schemas.serde.ConfluentAvroSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.LoggingProducerListener;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * The one way ClaimFlow services do Kafka, on top of Spring Boot's Kafka auto-configuration.
 *
 * <ul>
 *   <li>Values use the Confluent wire format through the schema registry: producer value serializer
 *   {@link ConfluentAvroSerializer}; consumer value deserializer {@link RawValueRetainingDeserializer} (Spring's
 *   {@link ErrorHandlingDeserializer}) delegating to {@link ConfluentAvroDeserializer}. Keys are strings (encounter
 *   ids). Registry settings are Confluent's keys under {@code spring.kafka.properties.*}. A serializer or
 *   deserializer set explicitly in {@code spring.kafka.*} (anything but Boot's String default) is left alone.</li>
 *   <li>Producer: {@code acks=all} and idempotence unless configured otherwise. Consumer: group id defaults to
 *   {@code spring.application.name}, {@code auto.offset.reset=earliest}, {@code isolation.level=read_committed}.</li>
 *   <li>Listener errors: {@link DefaultErrorHandler} with bounded exponential back-off
 *   ({@code claimflow.kafka.retry.*}); deserialization, validation and {@link IllegalArgumentException} failures are
 *   not retried. Then the record goes to {@code <topic>.dlt}, same partition, original bytes, Spring's
 *   {@code kafka_dlt-*} headers plus {@value DeadLetterConventions#REASON_HEADER}, and the partition moves on.</li>
 *   <li>Topics: every topic of {@link Topics#all()} and its dead-letter topic, when
 *   {@code claimflow.kafka.create-topics} is true, with {@code claimflow.kafka.replication-factor} replicas and
 *   {@code claimflow.kafka.min-insync-replicas} (1 and 1 by default, for one broker; 3 and 2 for a cluster).</li>
 *   <li>Health: a {@code kafka} health indicator ({@code management.health.kafka.enabled}).</li>
 *   <li>Producer logging never includes record contents (patient data).</li>
 * </ul>
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaTemplate.class)
@EnableConfigurationProperties(ClaimFlowKafkaProperties.class)
public final class ClaimFlowKafkaAutoConfiguration {

    @Bean
    DefaultKafkaProducerFactoryCustomizer claimFlowProducerFactoryCustomizer(ClaimFlowKafkaProperties properties) {
        return factory -> {
            Map<String, Object> configs = factory.getConfigurationProperties();
            Map<String, Object> updates = new HashMap<>();
            if (isUnsetOr(configs.get(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG), StringSerializer.class)) {
                updates.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            }
            if (isUnsetOr(configs.get(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG), StringSerializer.class)) {
                updates.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ConfluentAvroSerializer.class);
            }
            putIfAbsent(configs, updates, ProducerConfig.ACKS_CONFIG, "all");
            putIfAbsent(configs, updates, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            putIfAbsent(configs, updates, ProducerConfig.LINGER_MS_CONFIG, (int)
                    properties.producer().linger().toMillis());
            putIfAbsent(
                    configs,
                    updates,
                    ProducerConfig.COMPRESSION_TYPE_CONFIG,
                    properties.producer().compression());
            factory.updateConfigs(updates);
        };
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer claimFlowConsumerFactoryCustomizer(
            Environment environment, ClaimFlowKafkaProperties properties) {
        return factory -> {
            Map<String, Object> configs = factory.getConfigurationProperties();
            Map<String, Object> updates = new HashMap<>();
            if (isUnsetOr(configs.get(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG), StringDeserializer.class)) {
                updates.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            }
            if (isUnsetOr(configs.get(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG), StringDeserializer.class)) {
                updates.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, RawValueRetainingDeserializer.class);
                putIfAbsent(
                        configs,
                        updates,
                        ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS,
                        ConfluentAvroDeserializer.class);
            }
            String applicationName = environment.getProperty("spring.application.name");
            if (applicationName != null && !applicationName.isBlank()) {
                putIfAbsent(configs, updates, ConsumerConfig.GROUP_ID_CONFIG, applicationName);
            }
            putIfAbsent(configs, updates, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            putIfAbsent(configs, updates, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            putIfAbsent(configs, updates, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int)
                    properties.consumer().fetchMaxWait().toMillis());
            putIfAbsent(configs, updates, ConsumerConfig.FETCH_MIN_BYTES_CONFIG, (int)
                    properties.consumer().fetchMinBytes().toBytes());
            factory.updateConfigs(updates);
        };
    }

    // Boot's own listener logs keys and values of failed sends; values carry patient data.
    @Bean
    @ConditionalOnMissingBean(ProducerListener.class)
    LoggingProducerListener<Object, Object> claimFlowProducerListener() {
        LoggingProducerListener<Object, Object> listener = new LoggingProducerListener<>();
        listener.setIncludeContents(false);
        return listener;
    }

    @Bean
    @ConditionalOnMissingBean
    RawRecordTemplate claimFlowRawRecordTemplate(
            ProducerFactory<Object, Object> producerFactory, ObjectProvider<ObservationRegistry> observationRegistry) {
        return new RawRecordTemplate(producerFactory, observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler claimFlowKafkaErrorHandler(
            RawRecordTemplate rawRecordTemplate,
            ProducerFactory<Object, Object> producerFactory,
            ClaimFlowKafkaProperties properties,
            ObjectProvider<MeterRegistry> meterRegistry) {
        ClaimFlowKafkaProperties.Retry retry = properties.retry();
        DeadLetterReasons reasons = new DeadLetterReasons(retry.maxRetries());
        DeadLetterRecoverer recoverer = new DeadLetterRecoverer(
                rawRecordTemplate.kafkaTemplate(),
                new KafkaTemplate<>(producerFactory),
                reasons,
                meterRegistry.getIfUnique(CompositeMeterRegistry::new));
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retry.maxRetries());
        backOff.setInitialInterval(retry.initialInterval().toMillis());
        backOff.setMultiplier(retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        List<Class<? extends Exception>> notRetryable = DeadLetterReasons.extraNotRetryable();
        @SuppressWarnings("unchecked")
        Class<? extends Exception>[] types = notRetryable.toArray(new Class[0]);
        handler.addNotRetryableExceptions(types);
        handler.setCommitRecovered(true);
        return handler;
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "claimflow.kafka.create-topics", matchIfMissing = true)
    KafkaAdmin.NewTopics claimFlowTopics(ClaimFlowKafkaProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.all()) {
            topics.add(TopicBuilder.name(topic)
                    .partitions(properties.partitions())
                    .replicas(properties.replicationFactor())
                    .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(properties.minInsyncReplicas()))
                    .build());
            topics.add(deadLetterTopic(topic, properties));
        }
        return new KafkaAdmin.NewTopics(topics.toArray(new NewTopic[0]));
    }

    /**
     * The dead-letter topic of {@code topic} as ClaimFlow declares it: as many partitions as its topic, delete
     * policy, {@code claimflow.kafka.dead-letter-retention}. Services declaring topics of their own use this too.
     */
    public static NewTopic deadLetterTopic(String topic, ClaimFlowKafkaProperties properties) {
        return TopicBuilder.name(DeadLetterConventions.deadLetterTopic(topic))
                .partitions(properties.partitions())
                .replicas(properties.replicationFactor())
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(properties.minInsyncReplicas()))
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                .config(
                        TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(properties.deadLetterRetention().toMillis()))
                .build();
    }

    /** {@code kafka} health contributor. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("kafka")
    static final class KafkaHealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
        KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
            return new KafkaHealthIndicator(new HashMap<>(kafkaAdmin.getConfigurationProperties()));
        }
    }

    private static boolean isUnsetOr(Object configured, Class<?> bootDefault) {
        return configured == null
                || configured == bootDefault
                || bootDefault.getName().equals(configured);
    }

    private static void putIfAbsent(
            Map<String, Object> configs, Map<String, Object> updates, String key, Object value) {
        if (!configs.containsKey(key)) {
            updates.put(key, value);
        }
    }
}
