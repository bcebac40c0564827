package io.claimflow.patientbilling.config;

import io.claimflow.patientbilling.statement.StatementPolicy;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of patient-billing-service's own settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PatientBillingProperties.class)
class PatientBillingConfiguration {

    @Bean
    StatementPolicy statementPolicy(PatientBillingProperties properties) {
        var s = properties.statements();
        return new StatementPolicy(
                s.minDaysBetween(),
                s.minimumBalance(),
                s.dueInDays(),
                s.minimumPaymentFloor(),
                s.minimumPaymentPercent(),
                s.smallBalanceWriteOff());
    }

    /** "Today" for statement runs, aging and payments; tests may replace it. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
