package io.claimflow.claim.work;

import java.time.LocalDate;

/**
 * A claim to chase: submitted and unanswered for longer than its payer's follow-up period, or not yet accepted and
 * close to (or past) its timely-filing deadline.
 */
public record FollowUpItem(ClaimSummary claim, Reason reason, long daysWaiting, LocalDate timelyFilingDeadline) {

    /** Why the claim is on the list. */
    public enum Reason {
        NO_PAYER_RESPONSE,
        TIMELY_FILING_DEADLINE_NEAR,
        TIMELY_FILING_DEADLINE_PASSED
    }
}
