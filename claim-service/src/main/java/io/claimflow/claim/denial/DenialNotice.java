package io.claimflow.claim.denial;

import java.time.Instant;
import java.util.List;

/**
 * A payer's denial or front-end rejection of a claim, mapped from ClaimDenied at the edge.
 *
 * @param adjustments claim- and line-level adjustments together
 * @param remarkCodes claim- and line-level RARCs together
 * @param reportedCategory the category the gateway derived (used when the table knows none of the codes)
 */
public record DenialNotice(
        String eventId,
        Instant occurredAt,
        String encounterId,
        String tenantId,
        String claimId,
        boolean frontEndRejection,
        String payerId,
        String payerClaimNumber,
        String reportedCategory,
        List<AdjustmentCode> adjustments,
        List<String> remarkCodes,
        List<String> rejectionCodes,
        String payerText,
        List<Integer> affectedLineNumbers) {

    public DenialNotice {
        adjustments = List.copyOf(adjustments);
        remarkCodes = List.copyOf(remarkCodes);
        rejectionCodes = List.copyOf(rejectionCodes);
        affectedLineNumbers = List.copyOf(affectedLineNumbers);
    }
}
