package io.claimflow.claim.submission;

import io.claimflow.claim.model.Claim;
import java.time.Instant;

/** Announces a submitted claim (ClaimSubmitted), inside the caller's transaction (port; the outbox implements it). */
public interface SubmittedClaims {

    void publish(Claim claim, String causationId, Instant at);
}
