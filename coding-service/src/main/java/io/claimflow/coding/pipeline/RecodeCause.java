package io.claimflow.coding.pipeline;

/**
 * The denial a recode answers. {@code reason} is the DenialReason of the RecodeRequested event as JSON, passed
 * through to EncounterCoded unchanged.
 */
public record RecodeCause(String claimId, int previousCodingVersion, int attempt, String reason) {}
