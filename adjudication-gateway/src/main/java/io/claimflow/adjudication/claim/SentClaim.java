package io.claimflow.adjudication.claim;

import java.time.Instant;

/** A claim the gateway holds, with where it is: its interchange and transaction set, and the payer's claim number. */
public record SentClaim(
        OutboundClaim claim,
        ClaimStatus status,
        Long interchangeId,
        Long transactionControlNumber,
        String payerClaimNumber,
        Instant queuedAt) {}
