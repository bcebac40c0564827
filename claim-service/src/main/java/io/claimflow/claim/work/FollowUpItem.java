package io.claimflow.claim.work;

import java.time.LocalDate;

/**
 * A claim to chase: submitted and unanswered for longer than its payer's follow-up period, or not yet accepted and
 * close to (or past) its timely-filing deadline.
 *
 * @param daysWaiting days since the claim went to the payer (no answer), or since its date of service (not sent)
 * @param timelyFilingDeadline the date of service plus the payer's filing window
 * @param daysLeft days from the list's day to the deadline; negative once it has passed
 */
public record FollowUpItem(
        ClaimSummary claim, Reason reason, long daysWaiting, LocalDate timelyFilingDeadline, long daysLeft) {

    /** Why the claim is on the list. */
    public enum Reason {
        NO_PAYER_RESPONSE,
        TIMELY_FILING_DEADLINE_NEAR,
        TIMELY_FILING_DEADLINE_PASSED
    }
}
