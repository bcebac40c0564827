package io.claimflow.schemas.serde;

import java.util.Objects;

/** Confluent's default subject naming: the subject of a topic's values is {@code <topic>-value}, of keys {@code <topic>-key}. */
public final class TopicNameStrategy {

    private TopicNameStrategy() {}

    public static String subjectName(String topic, boolean isKey) {
        Objects.requireNonNull(topic, "topic");
        return topic + (isKey ? "-key" : "-value");
    }
}
