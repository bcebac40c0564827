package io.claimflow.platform.kafka;

import io.claimflow.schemas.Topics;

/** Names shared by everything that writes or reads dead-letter topics; topic naming itself is {@link Topics}'. */
public final class DeadLetterConventions {

    /** A dead-letter topic is its topic's name plus this suffix. */
    public static final String DLT_SUFFIX = Topics.DLT_SUFFIX;

    /** Header with a short, human-readable reason why the record was dead-lettered. */
    public static final String REASON_HEADER = "claimflow-dlt-reason";

    /** Header put on a replayed record: {@code <dead-letter topic>/<partition>/<offset>} it was replayed from. */
    public static final String REPLAYED_FROM_HEADER = "claimflow-replayed-from";

    private DeadLetterConventions() {}

    /** The dead-letter topic of {@code topic}. */
    public static String deadLetterTopic(String topic) {
        return Topics.dlt(topic);
    }

    /** Whether {@code topic} is a dead-letter topic by name. */
    public static boolean isDeadLetterTopic(String topic) {
        return topic.endsWith(DLT_SUFFIX);
    }

    /** The topic whose dead letters {@code deadLetterTopic} holds. */
    public static String originalTopic(String deadLetterTopic) {
        if (!isDeadLetterTopic(deadLetterTopic)) {
            throw new IllegalArgumentException("Not a dead-letter topic: " + deadLetterTopic);
        }
        return deadLetterTopic.substring(0, deadLetterTopic.length() - DLT_SUFFIX.length());
    }
}
