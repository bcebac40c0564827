package io.claimflow.claim.workitem;

import io.claimflow.platform.validation.InvalidInputException;

/**
 * Criteria of a work-list page (held claims, open denial work), filtered, sorted and paged in the database; null
 * criteria do not restrict.
 *
 * @param queue denial work queue (denial lists only)
 * @param ruleId a scrubber rule among the held claim's open findings (held list only)
 * @param category denial category (denial lists only)
 * @param carc a claim adjustment reason code among the item's reasons, with or without its group code
 * @param payerId the claim's payer
 * @param serviceTo date of service on or before (the age of the work)
 * @param paging the page and its sort; no sort for the oldest work first
 */
public record WorkListSearch(
        WorkQueue queue,
        String ruleId,
        String category,
        String carc,
        String payerId,
        java.time.LocalDate serviceTo,
        PageRequest paging) {

    public WorkListSearch {
        if (carc != null && !carc.matches("(?:(?:CO|PR|OA|PI|CR)-?)?[A-Z0-9]{1,5}")) {
            throw new InvalidInputException("carc must be a claim adjustment reason code such as 16 or CO-16");
        }
    }

    /** The CARC without its group code. */
    public String carcCode() {
        return carc == null ? null : carc.replaceFirst("^(?:CO|PR|OA|PI|CR)-?", "");
    }
}
