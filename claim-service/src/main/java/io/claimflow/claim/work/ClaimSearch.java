package io.claimflow.claim.work;

import io.claimflow.platform.validation.InvalidInputException;
import java.time.LocalDate;
import java.util.List;

/**
 * Criteria of a claim search; null criteria do not restrict. Pages are 0-based. {@code claimIdPrefix} finds claims
 * by the start of their number; {@code sort} is one of {@link #SORTS} ({@code -} first for descending), null for the
 * newest first.
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
        int page,
        int size,
        String claimIdPrefix,
        String sort) {

    public static final List<String> SORTS = List.of(
            "dateOfService", "-dateOfService", "charge", "-charge", "createdAt", "-createdAt", "payer", "-payer");

    public ClaimSearch(
            String status,
            String payerId,
            String patientMrn,
            String encounterId,
            LocalDate serviceFrom,
            LocalDate serviceTo,
            LocalDate submittedFrom,
            LocalDate submittedTo,
            boolean currentOnly,
            int page,
            int size) {
        this(
                status,
                payerId,
                patientMrn,
                encounterId,
                serviceFrom,
                serviceTo,
                submittedFrom,
                submittedTo,
                currentOnly,
                page,
                size,
                null,
                null);
    }

    public ClaimSearch {
        if (sort != null && !SORTS.contains(sort)) {
            throw new InvalidInputException("sort must be one of " + SORTS);
        }
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
