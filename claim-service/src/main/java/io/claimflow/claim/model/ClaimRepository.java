package io.claimflow.claim.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Where claims are kept (port; the JDBC adapter implements it). */
public interface ClaimRepository {

    /** A fresh number for the next claim's id and patient control number. */
    long nextClaimNumber();

    /** Stores a new claim with its lines, diagnoses and pending timeline entries. */
    void insert(Claim claim);

    /** Stores the claim's changed state, money, corrections and prices, and its pending timeline entries. */
    void update(Claim claim);

    Optional<Claim> find(String claimId);

    /** The claim, locked for the rest of the transaction. */
    Optional<Claim> findForUpdate(String claimId);

    /** The encounter's current primary claim, locked for the rest of the transaction. */
    Optional<Claim> findCurrentForUpdate(String encounterId);

    /**
     * Every claim of the encounter (the visit), each payer's, current or superseded, oldest first, locked for the rest
     * of the transaction.
     */
    List<Claim> claimsOfVisitForUpdate(String encounterId);

    /** Every claim of the encounter, oldest first, not locked (for reading). */
    List<Claim> claimsOfVisit(String encounterId);

    /** Whether another encounter of the patient already has a live claim for the same services on the same date. */
    boolean hasDuplicate(
            String tenantId,
            String patientMrn,
            LocalDate dateOfService,
            String serviceKey,
            String excludingEncounterId);

    /** Resolves the claim's open findings and records {@code findings} as the open ones. */
    void replaceFindings(String claimId, List<ScrubFinding> findings, Instant at);

    List<ScrubFinding> openFindings(String claimId);

    List<StatusChange> timeline(String claimId);
}
