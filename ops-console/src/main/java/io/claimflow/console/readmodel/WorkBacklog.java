package io.claimflow.console.readmodel;

/**
 * Work stuck before a claim exists, for the encounters documented in a period: how many were documented, how many
 * have no coding yet (being coded, or held for a coder), and how many are coded but have no claim submitted (a claim
 * held by the scrubber, or not built).
 */
public record WorkBacklog(long documented, long notCoded, long codedWithoutClaim) {}
