package io.claimflow.patientbilling.config;

import io.claimflow.codes.ProcedureDescriptions;
import io.claimflow.patientbilling.statement.Practice;
import io.claimflow.patientbilling.statement.Practices;
import io.claimflow.patientbilling.statement.StatementPolicy;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /** The practices configured by tenant; an entry without a name is left out (the statement names the provider). */
    @Bean
    Practices practices(PatientBillingProperties properties) {
        Map<String, Practice> byTenant = new LinkedHashMap<>();
        properties.practices().forEach((tenant, p) -> {
            if (p.name() != null && !p.name().isBlank()) {
                byTenant.put(tenant, new Practice(p.name(), p.address(), p.phone(), p.remitTo()));
            }
        });
        return new Practices(byTenant);
    }

    /** The words for procedure codes on statements: billing-codes' one list. */
    @Bean
    ProcedureDescriptions procedureDescriptions() {
        return ProcedureDescriptions.shipped();
    }

    /** "Today" for statement runs, aging and payments; tests may replace it. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
