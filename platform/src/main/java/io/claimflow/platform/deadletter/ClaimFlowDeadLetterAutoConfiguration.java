package io.claimflow.platform.deadletter;

import io.claimflow.platform.kafka.ClaimFlowKafkaAutoConfiguration;
import io.claimflow.platform.kafka.RawRecordTemplate;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@link DeadLetters} for every Kafka application, and its REST endpoints under {@code /admin/dead-letters} in
 * servlet web applications ({@code claimflow.dead-letters.web.enabled=false} turns the endpoints off).
 */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, ClaimFlowKafkaAutoConfiguration.class})
@ConditionalOnClass(KafkaTemplate.class)
@ConditionalOnBean({RawRecordTemplate.class, ConsumerFactory.class})
public final class ClaimFlowDeadLetterAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DeadLetters deadLetters(ConsumerFactory<?, ?> consumerFactory, RawRecordTemplate rawRecordTemplate) {
        return new DeadLetters(consumerFactory, rawRecordTemplate, Duration.ofSeconds(10));
    }

    /** The REST endpoints. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(RestController.class)
    @ConditionalOnBooleanProperty(name = "claimflow.dead-letters.web.enabled", matchIfMissing = true)
    static final class Web {

        // Missing-bean guard: an application that component-scans io.claimflow.platform already has one.
        @Bean
        @ConditionalOnMissingBean
        DeadLetterController claimFlowDeadLetterController(DeadLetters deadLetters) {
            return new DeadLetterController(deadLetters);
        }
    }
}
