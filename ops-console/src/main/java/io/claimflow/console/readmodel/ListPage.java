package io.claimflow.console.readmodel;

import java.util.List;

/** One page of a list the read model filtered, sorted and counted. */
public record ListPage<T>(List<T> items, long total) {}
