package io.claimflow.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.platform.deadletter.ClaimFlowDeadLetterAutoConfiguration;
import io.claimflow.platform.deadletter.DeadLetters;
import io.claimflow.platform.outbox.ClaimFlowOutboxAutoConfiguration;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * SASL_SSL and mutual TLS are Spring Boot's {@code spring.kafka.security.*}, {@code spring.kafka.ssl.*} and
 * {@code spring.kafka.properties.sasl.*} settings; every Kafka client the platform builds must get them: producer,
 * consumers, admin, the raw producer of dead letters, replays and the outbox, the dead-letter reader, the health
 * check, and the registry settings of the outbox serializer.
 */
class TransportSecurityTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"claim-service\" password=\"from-the-environment\";";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    KafkaAutoConfiguration.class,
                    ClaimFlowKafkaAutoConfiguration.class,
                    ClaimFlowDeadLetterAutoConfiguration.class,
                    ClaimFlowOutboxAutoConfiguration.class))
            .withPropertyValues(
                    "spring.kafka.admin.auto-create=false",
                    "claimflow.kafka.create-topics=false",
                    "spring.application.name=claim-service",
                    "spring.kafka.bootstrap-servers=localhost:1",
                    "spring.kafka.security.protocol=SASL_SSL",
                    "spring.kafka.properties.sasl.mechanism=SCRAM-SHA-512",
                    "spring.kafka.properties.sasl.jaas.config=" + JAAS,
                    "spring.kafka.ssl.trust-store-location=file:/etc/claimflow/kafka-truststore.p12",
                    "spring.kafka.ssl.trust-store-password=truststore-secret",
                    "spring.kafka.ssl.trust-store-type=PKCS12",
                    "spring.kafka.ssl.key-store-location=file:/etc/claimflow/kafka-keystore.p12",
                    "spring.kafka.ssl.key-store-password=keystore-secret",
                    "spring.kafka.ssl.key-store-type=PKCS12",
                    "spring.kafka.properties.schema.registry.url=https://registry:8081",
                    "spring.kafka.properties.schema.registry.ssl.truststore.location=/etc/claimflow/registry.p12");

    @Test
    void everyClientGetsTheSecuritySettings() {
        runner.run(context -> {
            Map<String, Map<String, Object>> clients = new LinkedHashMap<>();
            clients.put("producer", context.getBean(ProducerFactory.class).getConfigurationProperties());
            clients.put("consumer", context.getBean(ConsumerFactory.class).getConfigurationProperties());
            clients.put("admin", context.getBean(KafkaAdmin.class).getConfigurationProperties());
            clients.put(
                    "raw producer (dead letters, replays, outbox)",
                    context.getBean(RawRecordTemplate.class)
                            .kafkaTemplate()
                            .getProducerFactory()
                            .getConfigurationProperties());
            clients.put("dead-letter reader", configs(context.getBean(DeadLetters.class), "consumerConfig"));
            clients.put("health", configs(context.getBean(KafkaHealthIndicator.class), "adminConfig"));

            clients.forEach((client, configs) -> {
                assertThat(configs)
                        .as(client)
                        .containsEntry("security.protocol", "SASL_SSL")
                        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                        .containsEntry("sasl.jaas.config", JAAS)
                        .containsEntry(
                                "ssl.truststore.location",
                                new File("/etc/claimflow/kafka-truststore.p12").getAbsolutePath())
                        .containsEntry("ssl.truststore.password", "truststore-secret")
                        .containsEntry("ssl.truststore.type", "PKCS12")
                        .containsEntry(
                                "ssl.keystore.location",
                                new File("/etc/claimflow/kafka-keystore.p12").getAbsolutePath())
                        .containsEntry("ssl.keystore.password", "keystore-secret")
                        .containsEntry("ssl.keystore.type", "PKCS12");
            });
            // The serde, also the outbox's, reads the registry's TLS keys from the producer's configuration.
            assertThat(clients.get("producer"))
                    .containsEntry("schema.registry.ssl.truststore.location", "/etc/claimflow/registry.p12");
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> configs(Object bean, String field) {
        return (Map<String, Object>) ReflectionTestUtils.getField(bean, field);
    }
}
