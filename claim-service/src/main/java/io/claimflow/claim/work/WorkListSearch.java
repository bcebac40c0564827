package io.claimflow.claim.work;

import io.claimflow.claim.workitem.WorkQueue;
import io.claimflow.platform.validation.InvalidInputException;
import java.time.LocalDate;
import java.util.List;

/**
 * Criteria of a work-list page (held claims, open denial work), filtered, sorted and paged in the database; null
 * criteria do not restrict. Pages are 0-based.
 *
 * @param queue denial work queue (denial lists only)
 * @param ruleId a scrubber rule among the held claim's open findings (held list only)
 * @param category denial category (denial lists only)
 * @param carc a claim adjustment reason code among the item's reasons, with or without its group code
 * @param payerId the claim's payer
 * @param serviceTo date of service on or before (the age of the work)
 * @param sort one of {@link #SORTS}, {@code -} first for descending; null for the oldest work first
 */
public record WorkListSearch(
        WorkQueue queue,
        String ruleId,
        String category,
        String carc,
        String payerId,
        LocalDate serviceTo,
        String sort,
        int page,
        int size) {

    public static final List<String> SORTS = List.of(
            "dateOfService", "-dateOfService", "charge", "-charge", "createdAt", "-createdAt", "payer", "-payer");

    public WorkListSearch {
        if (page < 0 || size < 1 || size > 500) {
            throw new InvalidInputException("page must be 0 or more and size between 1 and 500");
        }
        if (sort != null && !SORTS.contains(sort)) {
            throw new InvalidInputException("sort must be one of " + SORTS);
        }
        if (carc != null && !carc.matches("(?:(?:CO|PR|OA|PI|CR)-?)?[A-Z0-9]{1,5}")) {
            throw new InvalidInputException("carc must be a claim adjustment reason code such as 16 or CO-16");
        }
    }

    /** The CARC without its group code. */
    public String carcCode() {
        return carc == null ? null : carc.replaceFirst("^(?:CO|PR|OA|PI|CR)-?", "");
    }
}
