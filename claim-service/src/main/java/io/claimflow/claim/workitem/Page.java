package io.claimflow.claim.workitem;

import java.util.List;

/**
 * One page of a list, with the total number of matches.
 *
 * @param total the matches; when {@code totalAtLeast}, the count stopped there and more match
 * @param totalAtLeast whether more than {@code total} match (a count capped by {@link PageRequest#countLimit()})
 */
public record Page<T>(List<T> items, int page, int size, long total, boolean totalAtLeast) {

    /** A page with its exact total. */
    public Page(List<T> items, int page, int size, long total) {
        this(items, page, size, total, false);
    }

    /** The page {@code request} asked for. */
    public static <T> Page<T> of(List<T> items, PageRequest request, long total) {
        return new Page<>(items, request.page(), request.size(), total);
    }

    /**
     * The page {@code request} asked for, whose matches were counted up to one more than
     * {@link PageRequest#countLimit()}: {@code counted} beyond that limit is said as "more than" the limit.
     */
    public static <T> Page<T> counted(List<T> items, PageRequest request, long counted) {
        long limit = request.countLimit();
        return counted > limit
                ? new Page<>(items, request.page(), request.size(), limit, true)
                : new Page<>(items, request.page(), request.size(), counted, false);
    }
}
