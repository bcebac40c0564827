package io.claimflow.console.config;

import io.claimflow.console.pipeline.BrokerOffsets;
import io.claimflow.console.pipeline.PipelineStatus;
import io.claimflow.console.pipeline.adapter.KafkaBrokerOffsets;
import java.time.Clock;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The pipeline page's view of the brokers: Kafka's Admin client with the application's connection settings. */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    @Bean
    KafkaBrokerOffsets brokerOffsets(KafkaAdmin kafkaAdmin, ConsoleProperties properties, Optional<Clock> clock) {
        return new KafkaBrokerOffsets(
                kafkaAdmin.getConfigurationProperties(), properties.brokerTimeout(), clock.orElse(Clock.systemUTC()));
    }

    @Bean
    PipelineStatus pipelineStatus(BrokerOffsets brokerOffsets, Optional<Clock> clock) {
        return new PipelineStatus(brokerOffsets, clock.orElse(Clock.systemUTC()));
    }
}
