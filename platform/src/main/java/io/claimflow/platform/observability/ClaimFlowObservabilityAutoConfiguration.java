package io.claimflow.platform.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationHandler;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * ClaimFlow's Kafka metrics ({@code claimflow.events.*}, {@code claimflow.listener.processing}) as observation
 * handlers, which Spring Boot adds to the application's {@code ObservationRegistry}. The observations themselves are
 * switched on by {@link ObservabilityDefaults}. Dead-letter and outbox metrics live with the dead-letter recoverer and
 * the outbox.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"
        })
@ConditionalOnClass({MeterRegistry.class, ObservationHandler.class, KafkaTemplate.class})
public final class ClaimFlowObservabilityAutoConfiguration {

    @Bean
    @ConditionalOnBean(MeterRegistry.class)
    ObservationHandler<?> claimFlowConsumedEventMetrics(MeterRegistry registry) {
        return new ConsumedEventMetrics(registry);
    }

    @Bean
    @ConditionalOnBean(MeterRegistry.class)
    ObservationHandler<?> claimFlowProducedEventMetrics(MeterRegistry registry) {
        return new ProducedEventMetrics(registry);
    }

    @Bean
    @ConditionalOnBean({MeterRegistry.class, KafkaListenerEndpointRegistry.class})
    ConsumerLagMetrics claimFlowConsumerLagMetrics(KafkaListenerEndpointRegistry listeners, MeterRegistry registry) {
        return new ConsumerLagMetrics(listeners, registry);
    }
}
