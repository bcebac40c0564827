package io.claimflow.coding.queue;

import java.util.List;

/** One page of the queue, oldest first, and how many items match in all. */
public record QueuePage(List<QueueItem> items, int page, int size, long total) {}
