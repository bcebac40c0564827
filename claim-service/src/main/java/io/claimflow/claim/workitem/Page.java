package io.claimflow.claim.workitem;

import java.util.List;

/** One page of a list, with the total number of matches. */
public record Page<T>(List<T> items, int page, int size, long total) {

    /** The page {@code request} asked for. */
    public static <T> Page<T> of(List<T> items, PageRequest request, long total) {
        return new Page<>(items, request.page(), request.size(), total);
    }
}
