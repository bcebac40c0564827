package io.claimflow.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.platform.deadletter.ClaimFlowDeadLetterAutoConfiguration;
import io.claimflow.platform.deadletter.DeadLetters;
import io.claimflow.platform.outbox.ClaimFlowOutboxAutoConfiguration;
import io.claimflow.platform.outbox.OutboxWriter;
import io.claimflow.schemas.Topics;
import io.claimflow.schemas.serde.ConfluentAvroDeserializer;
import io.claimflow.schemas.serde.ConfluentAvroSerializer;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.LoggingProducerListener;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.test.util.ReflectionTestUtils;

/** What the auto-configuration sets up, without a broker. */
class ClaimFlowKafkaAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    KafkaAutoConfiguration.class,
                    ClaimFlowKafkaAutoConfiguration.class,
                    ClaimFlowDeadLetterAutoConfiguration.class,
                    ClaimFlowOutboxAutoConfiguration.class))
            .withPropertyValues(
                    "spring.kafka.admin.auto-create=false",
                    "spring.application.name=some-service",
                    "spring.kafka.properties.schema.registry.url=http://localhost:1");

    @Test
    void valuesAreConfluentAvroAndKeysStrings() {
        runner.run(context -> {
            Map<String, Object> producer =
                    context.getBean(ProducerFactory.class).getConfigurationProperties();
            assertThat(producer)
                    .containsEntry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class)
                    .containsEntry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ConfluentAvroSerializer.class)
                    .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                    .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                    .containsEntry("schema.registry.url", "http://localhost:1");
            Map<String, Object> consumer =
                    context.getBean(ConsumerFactory.class).getConfigurationProperties();
            assertThat(consumer)
                    .containsEntry(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)
                    .containsEntry(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, RawValueRetainingDeserializer.class)
                    .containsEntry(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, ConfluentAvroDeserializer.class)
                    .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "some-service")
                    .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                    .containsEntry("schema.registry.url", "http://localhost:1");
            assertThat(ErrorHandlingDeserializer.class).isAssignableFrom(RawValueRetainingDeserializer.class);
        });
    }

    @Test
    void explicitSettingsWin() {
        runner.withPropertyValues(
                        "spring.kafka.producer.value-serializer=" + ByteArraySerializer.class.getName(),
                        "spring.kafka.producer.acks=1",
                        "spring.kafka.consumer.group-id=explicit-group",
                        "spring.kafka.consumer.auto-offset-reset=latest")
                .run(context -> {
                    assertThat(context.getBean(ProducerFactory.class).getConfigurationProperties())
                            .containsEntry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)
                            .containsEntry(ProducerConfig.ACKS_CONFIG, "1");
                    assertThat(context.getBean(ConsumerFactory.class).getConfigurationProperties())
                            .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "explicit-group")
                            .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
                });
    }

    @Test
    void producerBatchingAndConsumerFetchWaitAndMinimumComeFromClaimFlowProperties() {
        runner.run(context -> {
            assertThat(context.getBean(ProducerFactory.class).getConfigurationProperties())
                    .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5)
                    .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
            assertThat(context.getBean(ConsumerFactory.class).getConfigurationProperties())
                    .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500)
                    .containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        });
        runner.withPropertyValues(
                        "claimflow.kafka.producer.linger=20ms",
                        "claimflow.kafka.producer.compression=lz4",
                        "claimflow.kafka.consumer.fetch-max-wait=5s",
                        "claimflow.kafka.consumer.fetch-min-bytes=32KB")
                .run(context -> {
                    assertThat(context.getBean(ProducerFactory.class).getConfigurationProperties())
                            .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 20)
                            .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
                    assertThat(context.getBean(ConsumerFactory.class).getConfigurationProperties())
                            .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5000)
                            .containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 32 * 1024);
                });
        // Spring Boot's own keys still win
        runner.withPropertyValues(
                        "claimflow.kafka.producer.compression=lz4",
                        "spring.kafka.producer.compression-type=zstd",
                        "spring.kafka.consumer.fetch-max-wait=1s")
                .run(context -> {
                    assertThat(context.getBean(ProducerFactory.class).getConfigurationProperties())
                            .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
                    assertThat(context.getBean(ConsumerFactory.class).getConfigurationProperties())
                            .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 1000);
                });
    }

    @Test
    void errorHandlerDeadLettersAndProducerLogsNoContents() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(CommonErrorHandler.class);
            assertThat(context.getBean(CommonErrorHandler.class)).isInstanceOf(DefaultErrorHandler.class);
            assertThat(context).hasSingleBean(ProducerListener.class);
            assertThat(context.getBean(ProducerListener.class))
                    .isInstanceOf(LoggingProducerListener.class)
                    .extracting("includeContents")
                    .isEqualTo(false);
            assertThat(context).hasSingleBean(RawRecordTemplate.class).hasSingleBean(DeadLetters.class);
            assertThat(context.getBean(RawRecordTemplate.class)
                            .kafkaTemplate()
                            .getProducerFactory()
                            .getConfigurationProperties())
                    .containsEntry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)
                    .containsEntry(ProducerConfig.ACKS_CONFIG, "all");
        });
    }

    @Test
    void declaresEveryTopicAndItsDeadLetterTopic() {
        runner.withPropertyValues("claimflow.kafka.partitions=6", "claimflow.kafka.dead-letter-retention=14d")
                .run(context -> {
                    Collection<NewTopic> declared = ReflectionTestUtils.invokeMethod(
                            context.getBean("claimFlowTopics", KafkaAdmin.NewTopics.class), "getNewTopics");
                    NewTopic[] topics = declared.toArray(new NewTopic[0]);
                    assertThat(topics).hasSize(Topics.all().size() * 2);
                    assertThat(Arrays.stream(topics).map(NewTopic::name))
                            .containsExactlyInAnyOrderElementsOf(Topics.allWithDeadLetters());
                    assertThat(topics).allSatisfy(topic -> {
                        assertThat(topic.numPartitions()).isEqualTo(6);
                        assertThat(topic.replicationFactor()).isEqualTo((short) 1);
                    });
                    NewTopic dlt = Arrays.stream(topics)
                            .filter(topic -> topic.name().equals(Topics.dlt(Topics.CLAIM_DENIED)))
                            .findFirst()
                            .orElseThrow();
                    assertThat(dlt.configs())
                            .containsEntry("cleanup.policy", "delete")
                            .containsEntry("retention.ms", Long.toString(14L * 24 * 3600 * 1000));
                });
    }

    @Test
    void inAClusterTheTopicsAreReplicatedAndRefuseWritesWithTooFewReplicasInSync() {
        runner.withPropertyValues("claimflow.kafka.replication-factor=3", "claimflow.kafka.min-insync-replicas=2")
                .run(context -> {
                    Collection<NewTopic> declared = ReflectionTestUtils.invokeMethod(
                            context.getBean("claimFlowTopics", KafkaAdmin.NewTopics.class), "getNewTopics");
                    assertThat(declared).hasSize(Topics.all().size() * 2).allSatisfy(topic -> {
                        assertThat(topic.replicationFactor()).as(topic.name()).isEqualTo((short) 3);
                        assertThat(topic.configs()).as(topic.name()).containsEntry("min.insync.replicas", "2");
                    });
                });
        runner.run(context -> {
            Collection<NewTopic> declared = ReflectionTestUtils.invokeMethod(
                    context.getBean("claimFlowTopics", KafkaAdmin.NewTopics.class), "getNewTopics");
            assertThat(declared)
                    .as("one broker by default")
                    .allSatisfy(topic -> assertThat(topic.configs()).containsEntry("min.insync.replicas", "1"));
        });
    }

    @Test
    void noTopicsWhenTurnedOffAndNoOutboxWithoutADatabase() {
        runner.withPropertyValues("claimflow.kafka.create-topics=false").run(context -> {
            assertThat(context).doesNotHaveBean("claimFlowTopics");
            assertThat(context).doesNotHaveBean(OutboxWriter.class);
        });
    }
}
