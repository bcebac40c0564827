package io.claimflow.platform.testapp;

import io.claimflow.platform.kafka.ClaimFlowKafkaAutoConfiguration;
import io.claimflow.platform.kafka.ClaimFlowKafkaProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * A minimal service on the platform: a listener on {@link #EVENTS}, one on {@link #TRACED} that writes through the
 * outbox, and {@link #OUTBOX} for outbox tests.
 */
@SpringBootApplication
public class PlatformTestApplication {

    /** Topic the {@link TestListener} consumes. */
    public static final String EVENTS = "platform-test.events.v1";

    /** Topic the {@link TracedListener} consumes; it writes each event on to {@link #OUTBOX} through the outbox. */
    public static final String TRACED = "platform-test.traced.v1";

    /** Topic the {@link BatchTestListener} consumes in batches. */
    public static final String BATCH = "platform-test.batch.v1";

    /** Topic the outbox tests publish to; nobody consumes it. */
    public static final String OUTBOX = "platform-test.outbox.v1";

    @Bean
    KafkaAdmin.NewTopics testTopics(ClaimFlowKafkaProperties properties) {
        return new KafkaAdmin.NewTopics(
                topic(EVENTS, properties),
                ClaimFlowKafkaAutoConfiguration.deadLetterTopic(EVENTS, properties),
                topic(OUTBOX, properties),
                topic(TRACED, properties),
                topic(BATCH, properties),
                ClaimFlowKafkaAutoConfiguration.deadLetterTopic(BATCH, properties));
    }

    private static NewTopic topic(String name, ClaimFlowKafkaProperties properties) {
        return TopicBuilder.name(name)
                .partitions(properties.partitions())
                .replicas(properties.replicationFactor())
                .build();
    }
}
