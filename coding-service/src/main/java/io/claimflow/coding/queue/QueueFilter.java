package io.claimflow.coding.queue;

import io.claimflow.coding.pipeline.HeldEncounter;
import java.time.LocalDate;

/** What to list: every field may be null (no filter); page is 0-based. */
public record QueueFilter(
        QueueItem.Status status,
        String tenantId,
        HeldEncounter.QueueKind kind,
        String reason,
        LocalDate dateOfServiceFrom,
        LocalDate dateOfServiceTo,
        int page,
        int size) {}
