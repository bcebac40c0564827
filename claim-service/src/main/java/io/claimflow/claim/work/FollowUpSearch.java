package io.claimflow.claim.work;

import io.claimflow.claim.workitem.PageRequest;
import io.claimflow.platform.validation.InvalidInputException;
import java.time.LocalDate;
import java.util.List;

/**
 * Criteria of a page of the follow-up and timely-filing list, computed by the database; null criteria do not restrict.
 *
 * @param today the day the list is for (the waiting days, the deadlines' days left and follow-ups put off count from it)
 * @param olderThanDays days without an answer after which a claim waiting for the payer is listed, for every payer;
 *     null for each payer's own follow-up period
 * @param reason only the items of this reason
 * @param payerId only the claims of this payer
 * @param claimIds only these claims (which of them are on the list now), at most {@link #MAX_CLAIM_IDS}
 * @param paging the page; the list has one order (past deadlines first, then the nearest deadline, then the longest
 *     waiting, then the claim id), so no sort
 */
public record FollowUpSearch(
        LocalDate today,
        Integer olderThanDays,
        FollowUpItem.Reason reason,
        String payerId,
        List<String> claimIds,
        PageRequest paging) {

    public static final int MAX_CLAIM_IDS = 500;

    public FollowUpSearch {
        if (today == null || paging == null) {
            throw new IllegalArgumentException("a follow-up search needs its day and its page");
        }
        if (olderThanDays != null && (olderThanDays < 0 || olderThanDays > 36_500)) {
            throw new InvalidInputException("olderThanDays must be between 0 and 36500");
        }
        if (paging.sort() != null) {
            throw new InvalidInputException("the follow-up list has one order: no sort");
        }
        if (claimIds != null) {
            if (claimIds.size() > MAX_CLAIM_IDS) {
                throw new InvalidInputException("at most " + MAX_CLAIM_IDS + " claim ids at once");
            }
            claimIds = List.copyOf(claimIds);
        }
    }
}
