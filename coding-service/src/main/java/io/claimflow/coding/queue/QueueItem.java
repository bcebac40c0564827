package io.claimflow.coding.queue;

import io.claimflow.coding.pipeline.HeldEncounter;
import io.claimflow.coding.pipeline.RecodeCause;
import io.claimflow.coding.rules.Coding;
import io.claimflow.coding.rules.HoldReason;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An item of the coder work queue. */
public record QueueItem(
        long id,
        String encounterId,
        String tenantId,
        LocalDate dateOfService,
        HeldEncounter.QueueKind kind,
        Status status,
        String causationId,
        List<HoldReason> reasons,
        Coding suggestion,
        RecodeCause recodeCause,
        Instant createdAt,
        Instant finalizedAt,
        String finalizedBy,
        Integer codingVersion) {

    /** OPEN until a coder finalizes it (or newer documentation codes the encounter automatically). */
    public enum Status {
        OPEN,
        FINALIZED
    }
}
