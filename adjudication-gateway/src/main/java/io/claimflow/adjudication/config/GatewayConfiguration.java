package io.claimflow.adjudication.config;

import io.claimflow.adjudication.x12.Professional837Writer;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wiring of adjudication-gateway. */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(GatewayProperties.class)
class GatewayConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Professional837Writer professional837Writer() {
        return new Professional837Writer();
    }
}
