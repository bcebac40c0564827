package io.claimflow.claim.work;

import java.util.List;

/** One page of a list, with the total number of matches. */
public record Page<T>(List<T> items, int page, int size, long total) {}
