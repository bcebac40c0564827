package io.claimflow.coding.pipeline;

/** The denial a recode answers: passed through to EncounterCoded's recodeCause unchanged. */
public record RecodeCause(String claimId, int previousCodingVersion, int attempt, DenialReason reason) {}
