package io.claimflow.console.deadletter;

import java.util.Collection;
import java.util.Map;

/** The decisions recorded about dead letters (port). */
public interface DeadLetterDecisions {

    void record(DeadLetterDecision decision);

    /** The latest decision about each of {@code letters} that has one. */
    Map<String, DeadLetterDecision> latest(Collection<String> letters);
}
