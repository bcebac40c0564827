package io.claimflow.claim.config;

import io.claimflow.claim.model.ClaimPolicy;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code claimflow.claim.*} from application.yml, handed to the domain as a {@link ClaimPolicy} (which documents the
 * settings and their defaults).
 */
@ConfigurationProperties("claimflow.claim")
record ClaimProperties(
        Integer maxRecodeAttempts,
        Integer defaultTimelyFilingDays,
        Map<String, Integer> timelyFilingDays,
        Integer defaultFollowUpDays,
        Map<String, Integer> followUpDays,
        Integer timelyFilingWarningDays) {

    ClaimPolicy policy() {
        return new ClaimPolicy(
                maxRecodeAttempts,
                defaultTimelyFilingDays,
                timelyFilingDays,
                defaultFollowUpDays,
                followUpDays,
                timelyFilingWarningDays);
    }
}
