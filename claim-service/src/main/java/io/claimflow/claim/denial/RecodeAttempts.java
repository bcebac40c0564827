package io.claimflow.claim.denial;

import java.time.Instant;

/** Recode requests sent to coding per encounter (port). */
public interface RecodeAttempts {

    int countForEncounter(String encounterId);

    void record(
            String encounterId,
            String claimId,
            int attempt,
            int codingVersion,
            String denialEventId,
            String requestedBy,
            Instant at);

    /** Links the encounter's open recode attempts to the claim the recode produced. */
    void linkResult(String encounterId, String resultingClaimId);
}
