package io.claimflow.platform.deadletter;

/**
 * Where a replayed dead letter was written.
 *
 * @param deadLetterTopic dead-letter topic it was read from
 * @param deadLetterPartition its partition there
 * @param deadLetterOffset its offset there
 * @param topic topic it was written back to
 * @param partition partition it was written to
 * @param offset its new offset
 */
public record ReplayResult(
        String deadLetterTopic,
        int deadLetterPartition,
        long deadLetterOffset,
        String topic,
        int partition,
        long offset) {}
