package io.claimflow.console.readmodel;

import java.time.Instant;

/** Events on one topic in one minute (by the events' occurrence time). */
public record TopicThroughput(String topic, Instant minute, int events) {}
