package io.claimflow.claim.work;

import io.claimflow.platform.validation.InvalidInputException;
import java.time.LocalDate;

/** Criteria of a claim search; null criteria do not restrict. Pages are 0-based. */
public record ClaimSearch(String status, String payerId, String patientMrn, String encounterId,
        LocalDate serviceFrom, LocalDate serviceTo, LocalDate submittedFrom, LocalDate submittedTo,
        boolean currentOnly, int page, int size) {

    public ClaimSearch {
        if (page < 0) {
            throw new InvalidInputException("page must be 0 or more");
        }
        if (size < 1 || size > 500) {
            throw new InvalidInputException("size must be between 1 and 500");
        }
        if (serviceFrom != null && serviceTo != null && serviceFrom.isAfter(serviceTo)) {
            throw new InvalidInputException("serviceFrom is after serviceTo");
        }
        if (submittedFrom != null && submittedTo != null && submittedFrom.isAfter(submittedTo)) {
            throw new InvalidInputException("submittedFrom is after submittedTo");
        }
    }
}
