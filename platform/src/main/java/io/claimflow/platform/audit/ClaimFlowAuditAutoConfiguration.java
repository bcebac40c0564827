package io.claimflow.platform.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Provides an {@link AuditTrail}; the persistent one replaces this placeholder (security issue). */
@AutoConfiguration
public class ClaimFlowAuditAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    @Bean
    @ConditionalOnMissingBean
    AuditTrail auditTrail() {
        return new AuditTrail() {
            @Override
            public void read(String resourceType, String resourceId) {
                log.info("audit read {} {}", resourceType, resourceId);
            }

            @Override
            public void changed(String action, String resourceType, String resourceId) {
                log.info("audit {} {} {}", action, resourceType, resourceId);
            }
        };
    }
}
