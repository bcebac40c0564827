package io.claimflow.claim.submission;

import io.claimflow.claim.model.Claim;
import java.time.Instant;

/**
 * Announces a claim billed to the patient (ClaimBilledToPatient), inside the caller's transaction (port; the outbox
 * implements it).
 */
public interface PatientBilledClaims {

    /**
     * @param replacedClaimId the visit's earlier claim billed to the patient that this one replaces (the visit was
     *     recoded), or null
     */
    void publishBilledToPatient(Claim claim, String replacedClaimId, String billedBy, String reason, Instant at);
}
