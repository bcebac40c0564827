package io.claimflow.claim.config;

import io.claimflow.claim.denial.CarcTable;
import io.claimflow.claim.denial.DenialRouter;
import io.claimflow.claim.feeschedule.FeeSchedule;
import io.claimflow.claim.feeschedule.adapter.FeeScheduleProperties;
import io.claimflow.claim.model.ClaimPolicy;
import io.claimflow.claim.submission.ClaimAssembler;
import io.claimflow.claim.submission.Scrubber;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of claim-service's plain domain objects. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ClaimProperties.class, FeeScheduleProperties.class})
class ClaimServiceConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ClaimPolicy claimPolicy(ClaimProperties properties) {
        return properties.policy();
    }

    @Bean
    CarcTable carcTable() {
        return CarcTable.shipped();
    }

    @Bean
    DenialRouter denialRouter(CarcTable carcTable) {
        return new DenialRouter(carcTable);
    }

    @Bean
    Scrubber scrubber() {
        return new Scrubber();
    }

    @Bean
    ClaimAssembler claimAssembler(FeeSchedule feeSchedule) {
        return new ClaimAssembler(feeSchedule);
    }
}
