package io.claimflow.console.deadletter;

import java.time.Instant;

/**
 * What an operator decided about one dead letter.
 *
 * @param letter {@code <dead-letter topic>/<partition>/<offset>}
 * @param service the service whose dead-letter API it was handled through
 * @param decision replayed or discarded
 * @param note the operator's note (required for a discard)
 * @param decidedBy who
 * @param decidedAt when
 */
public record DeadLetterDecision(
        String letter, String service, Decision decision, String note, String decidedBy, Instant decidedAt) {

    /** Replayed to its topic, or discarded (kept on the topic, hidden in the console). */
    public enum Decision {
        REPLAYED,
        DISCARDED
    }
}
