package io.claimflow.claim.work;

import io.claimflow.claim.model.ScrubFinding;
import io.claimflow.claim.workitem.Page;
import io.claimflow.claim.workitem.WorkListSearch;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Read side of the claims for billers' lists and reports, plus appeals and follow-up notes (port). */
public interface ClaimQueries {

    /** A held claim and why. */
    record HeldClaim(ClaimSummary claim, List<ScrubFinding> reasons) {}

    /** Open balance by payer and age bucket (days since the date of service). */
    record AgingRow(
            String payerId,
            String payerName,
            int claims,
            BigDecimal days0To30,
            BigDecimal days31To60,
            BigDecimal days61To90,
            BigDecimal days91To120,
            BigDecimal over120,
            BigDecimal total) {}

    /** An appeal; {@code timelyFilingProof} the proof of timely filing filed with it (a CARC 29 denial), or null. */
    record Appeal(
            long id,
            String claimId,
            String notes,
            String status,
            String filedBy,
            Instant filedAt,
            String timelyFilingProof) {}

    record FollowUp(
            long id, String claimId, String note, LocalDate nextFollowUp, String createdBy, Instant createdAt) {}

    Page<ClaimSummary> search(ClaimSearch search);

    List<HeldClaim> held(int offset, int limit);

    /** Held claims by rule: how many current held claims have an open finding of the rule. */
    record RuleCount(String ruleId, long claims) {}

    /** One page of the current held claims matching {@code search}, with their open findings and the total. */
    Page<HeldClaim> held(WorkListSearch search);

    List<RuleCount> heldByRule();

    /**
     * One page of the follow-up and timely-filing list of {@code search}, with its exact total: current claims waiting
     * for the payer (submitted, acknowledged, appealed, crossed over) for at least their payer's follow-up days (or
     * {@code olderThanDays}) and whose last follow-up note does not put them off past the day, and current claims not
     * yet with the payer (created, held, rejected) whose filing deadline is within the warning days or past. Each
     * payer's days are {@code policy}'s. Past deadlines first, then the nearest, then the longest waiting, then the
     * claim id.
     */
    Page<FollowUpItem> followUp(FollowUpSearch search, io.claimflow.claim.model.ClaimPolicy policy);

    List<AgingRow> aging(LocalDate today);

    /**
     * Claims in one of {@code states} with money open (charge less paid, patient share and adjustments is not zero),
     * or replaced / voided while holding payer money, and no open work item: what breaks "every open balance has a
     * work item". Should always be empty.
     */
    List<ClaimSummary> openBalancesWithoutWorkItem(List<io.claimflow.claim.model.ClaimStatus> states, int limit);

    long addAppeal(String claimId, String notes, String timelyFilingProof, String filedBy, Instant at);

    List<Appeal> appeals(String claimId);

    /** Sets the outcome of a filed appeal; false when the claim has no such appeal still FILED. */
    boolean decideAppeal(String claimId, long appealId, String status);

    void addFollowUp(String claimId, String note, LocalDate nextFollowUp, String createdBy, Instant at);

    List<FollowUp> followUps(String claimId);
}
