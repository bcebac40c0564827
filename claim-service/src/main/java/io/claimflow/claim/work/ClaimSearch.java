package io.claimflow.claim.work;

import io.claimflow.claim.workitem.PageRequest;
import io.claimflow.platform.validation.InvalidInputException;
import java.time.LocalDate;

/**
 * Criteria of a claim search; null criteria do not restrict. {@code claimIdPrefix} finds claims by the start of their
 * number; {@code paging} without a sort lists the newest first.
 */
public record ClaimSearch(
        String status,
        String payerId,
        String patientMrn,
        String encounterId,
        LocalDate serviceFrom,
        LocalDate serviceTo,
        LocalDate submittedFrom,
        LocalDate submittedTo,
        boolean currentOnly,
        String claimIdPrefix,
        PageRequest paging) {

    public ClaimSearch {
        if (serviceFrom != null && serviceTo != null && serviceFrom.isAfter(serviceTo)) {
            throw new InvalidInputException("serviceFrom is after serviceTo");
        }
        if (submittedFrom != null && submittedTo != null && submittedFrom.isAfter(submittedTo)) {
            throw new InvalidInputException("submittedFrom is after submittedTo");
        }
    }
}
