package io.claimflow.claim.workitem;

import java.time.Instant;
import java.util.List;

/** The biller work lists (port). */
public interface WorkItems {

    /** An open item on a work list. */
    record WorkItem(
            long id,
            String claimId,
            String encounterId,
            String claimStatus,
            String payerId,
            java.time.LocalDate dateOfService,
            java.math.BigDecimal totalCharge,
            WorkQueue queue,
            String category,
            String reasons,
            Instant createdAt) {}

    void add(String claimId, WorkQueue queue, String category, String reasons, String causeEventId, Instant at);

    /** Resolves the claim's open items; returns how many. */
    int resolveOpen(String claimId, String resolvedBy, Instant at);

    List<WorkItem> open(WorkQueue queue, int offset, int limit);

    /** One page of the open work items matching {@code search} (queue, category, CARC, payer, age), with the total. */
    Page<WorkItem> search(WorkListSearch search);

    List<WorkItem> openForClaim(String claimId);
}
