package io.claimflow.coding.pipeline;

import io.claimflow.coding.rules.Coding;
import io.claimflow.coding.rules.DocumentedEncounter;
import io.claimflow.coding.rules.HoldReason;
import java.util.List;

/**
 * An encounter the rules would not code alone, for the coder queue.
 *
 * @param suggestion what the rules got to, for the coder to start from
 * @param recodeCause the denial being answered, for a recode; null for a first coding
 */
public record HeldEncounter(
        DocumentedEncounter encounter,
        QueueKind kind,
        String causationId,
        List<HoldReason> reasons,
        Coding suggestion,
        RecodeCause recodeCause) {

    /** Why it was held: first coding or a recode. */
    public enum QueueKind {
        INITIAL,
        RECODE
    }
}
