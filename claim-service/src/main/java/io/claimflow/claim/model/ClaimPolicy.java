package io.claimflow.claim.model;

import java.util.Map;

/**
 * claim-service's business settings ({@code claimflow.claim.*}, bound in config by {@code ClaimProperties}).
 *
 * @param maxRecodeAttempts how often a coding denial of one encounter goes back to coding automatically
 * @param timelyFilingDays filing window after the date of service, per payer id
 * @param followUpDays days without a payer response after which a submitted claim is on the follow-up list, per payer
 * @param timelyFilingWarningDays how long before the filing deadline an unsent claim is warned about
 */
public record ClaimPolicy(
        Integer maxRecodeAttempts,
        Integer defaultTimelyFilingDays,
        Map<String, Integer> timelyFilingDays,
        Integer defaultFollowUpDays,
        Map<String, Integer> followUpDays,
        Integer timelyFilingWarningDays) {

    public ClaimPolicy {
        maxRecodeAttempts = maxRecodeAttempts == null ? 2 : maxRecodeAttempts;
        defaultTimelyFilingDays = defaultTimelyFilingDays == null ? 365 : defaultTimelyFilingDays;
        timelyFilingDays = timelyFilingDays == null ? Map.of() : Map.copyOf(timelyFilingDays);
        defaultFollowUpDays = defaultFollowUpDays == null ? 30 : defaultFollowUpDays;
        followUpDays = followUpDays == null ? Map.of() : Map.copyOf(followUpDays);
        timelyFilingWarningDays = timelyFilingWarningDays == null ? 30 : timelyFilingWarningDays;
        if (maxRecodeAttempts < 0 || defaultTimelyFilingDays < 1 || defaultFollowUpDays < 1) {
            throw new IllegalArgumentException("claimflow.claim: attempts must be >= 0 and day counts >= 1");
        }
    }

    public static ClaimPolicy defaults() {
        return new ClaimPolicy(null, null, null, null, null, null);
    }

    public int timelyFilingDaysFor(String payerId) {
        return payerId == null
                ? defaultTimelyFilingDays
                : timelyFilingDays.getOrDefault(payerId, defaultTimelyFilingDays);
    }

    public int followUpDaysFor(String payerId) {
        return payerId == null ? defaultFollowUpDays : followUpDays.getOrDefault(payerId, defaultFollowUpDays);
    }
}
