package io.claimflow.platform.audit;

import io.claimflow.platform.outbox.ClaimFlowOutboxAutoConfiguration;
import io.claimflow.platform.outbox.PlatformSchema;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@link AuditTrail}: {@link JdbcAuditTrail} (table {@code claimflow_platform.audit_record}) where the service
 * has a DataSource and the platform schema, and its search endpoint {@code GET /audit/records} (AUDITOR) in servlet
 * web applications; otherwise {@link LoggingAuditTrail}.
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, ClaimFlowOutboxAutoConfiguration.class})
public class ClaimFlowAuditAutoConfiguration {

    /** The persistent trail. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JdbcTemplate.class)
    @ConditionalOnBean({DataSource.class, PlatformSchema.class})
    static class Jdbc {

        @Bean
        @ConditionalOnMissingBean(AuditTrail.class)
        JdbcAuditTrail auditTrail(DataSource dataSource, PlatformSchema schema, Environment environment) {
            return new JdbcAuditTrail(
                    new JdbcTemplate(dataSource), environment.getProperty("spring.application.name", "unknown"));
        }

        @Bean
        @ConditionalOnMissingBean
        AuditRecords auditRecords(DataSource dataSource, PlatformSchema schema) {
            return new AuditRecords(new JdbcTemplate(dataSource));
        }

        /** AUDITOR's search. */
        @Bean
        @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
        @ConditionalOnClass(name = "org.springframework.web.bind.annotation.RestController")
        @ConditionalOnMissingBean
        AuditRecordController claimFlowAuditRecordController(AuditRecords records, AuditTrail auditTrail) {
            return new AuditRecordController(records, auditTrail);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    AuditTrail loggingAuditTrail() {
        return new LoggingAuditTrail();
    }
}
