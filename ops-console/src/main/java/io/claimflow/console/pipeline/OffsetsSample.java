package io.claimflow.console.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The brokers' offsets at one moment.
 *
 * @param at when the sample was taken
 * @param endOffsets per topic, the sum of its partitions' end offsets (records ever written)
 * @param deadLetters per topic, the records held in its dead-letter topic (end minus start offsets, 0 when the
 *     dead-letter topic does not exist yet)
 * @param groups every consumer group's position per topic it reads
 */
public record OffsetsSample(
        Instant at, Map<String, Long> endOffsets, Map<String, Long> deadLetters, List<GroupOffsets> groups) {

    public OffsetsSample {
        endOffsets = Map.copyOf(endOffsets);
        deadLetters = Map.copyOf(deadLetters);
        groups = List.copyOf(groups);
    }

    /**
     * One consumer group on one topic.
     *
     * @param group the consumer group id (the services use their name)
     * @param topic the topic
     * @param committed the sum of the group's committed offsets over the topic's partitions
     * @param lag records written but not yet committed by the group, over all partitions
     */
    public record GroupOffsets(String group, String topic, long committed, long lag) {}
}
