package io.claimflow.claim.workitem;

import io.claimflow.platform.validation.InvalidInputException;
import java.util.List;

/**
 * Which page of a list (claims, held claims, denial work) and in which order. Pages are 0-based.
 *
 * @param sort one of {@link #SORTS}, {@code -} first for descending; null for the list's own order
 * @param after the key of the last item of the page before this one (a cursor: the claim lists read the page that
 *     follows it by the index of their order, however deep; {@code page} still says which page it is); null when not
 *     paging forward
 * @param before the key of the first item of the page after this one (the page that precedes it); null when not
 *     paging back
 */
public record PageRequest(String sort, int page, int size, String after, String before) {

    /**
     * Matches counted at most (or to the end of the page asked for, if further): a list's total is exact up to it
     * and "more than" it beyond, so counting costs at most this many rows however large the table.
     */
    public static final long COUNT_CAP = 10_000;

    public static final List<String> SORTS = List.of(
            "dateOfService", "-dateOfService", "charge", "-charge", "createdAt", "-createdAt", "payer", "-payer");

    public PageRequest {
        if (sort != null && !SORTS.contains(sort)) {
            throw new InvalidInputException("sort must be one of " + SORTS);
        }
        if (page < 0) {
            throw new InvalidInputException("page must be 0 or more");
        }
        if (size < 1 || size > 500) {
            throw new InvalidInputException("size must be between 1 and 500");
        }
        if (after != null && before != null) {
            throw new InvalidInputException("a page is either after or before another, not both");
        }
    }

    /** The page {@code page} of {@code size} items, found by its number. */
    public PageRequest(String sort, int page, int size) {
        this(sort, page, size, null, null);
    }

    /** How far a list's matches are counted for this page: {@link #COUNT_CAP}, or the end of this page if further. */
    public long countLimit() {
        return Math.max(COUNT_CAP, (long) (page + 1) * size);
    }
}
