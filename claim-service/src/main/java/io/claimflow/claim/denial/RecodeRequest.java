package io.claimflow.claim.denial;

import io.claimflow.claim.model.Actor;
import io.claimflow.codes.DenialCategory;
import java.time.Instant;

/** A denied claim going back to coding: what RecodeRequested carries. */
public record RecodeRequest(
        String causationId,
        String encounterId,
        String tenantId,
        String claimId,
        int codingVersion,
        int attempt,
        Actor requestedBy,
        String instructions,
        DenialNotice denial,
        DenialCategory category,
        Instant at) {}
