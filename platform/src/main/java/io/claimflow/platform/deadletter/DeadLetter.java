package io.claimflow.platform.deadletter;

import java.time.Instant;

/**
 * One record on a dead-letter topic, described by its coordinates and headers. The payload itself is never part of
 * it (it may carry patient data); {@code valueSize} says how big it is.
 *
 * @param topic the dead-letter topic
 * @param partition its partition
 * @param offset its offset
 * @param timestamp when it was dead-lettered
 * @param key the record key (an encounter id)
 * @param originalTopic topic it failed on
 * @param originalPartition partition it failed on, if known
 * @param originalOffset offset it failed at, if known
 * @param consumerGroup group that failed to process it, if known
 * @param reason short reason ({@code claimflow-dlt-reason})
 * @param exceptionClass exception class name ({@code kafka_dlt-exception-fqcn})
 * @param replayedFrom where it was replayed from, when this is a replayed record that failed again
 * @param valueSize size of the value in bytes, -1 for none
 */
public record DeadLetter(
        String topic,
        int partition,
        long offset,
        Instant timestamp,
        String key,
        String originalTopic,
        Integer originalPartition,
        Long originalOffset,
        String consumerGroup,
        String reason,
        String exceptionClass,
        String replayedFrom,
        int valueSize) {}
