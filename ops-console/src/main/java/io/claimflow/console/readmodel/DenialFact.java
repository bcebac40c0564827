package io.claimflow.console.readmodel;

import java.time.Instant;

/** One denial as the read model saw it: which claim, payer, category and CARCs. */
public record DenialFact(
        String claimId, String payerId, String stage, String category, String carcs, Instant occurredAt) {}
