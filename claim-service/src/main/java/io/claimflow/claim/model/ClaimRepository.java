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

    /**
     * What a coded encounter needs to know, in one read (issue 22: two before): its current primary claim, locked for
     * the rest of the transaction, and the service keys of the live claims of the patient's other encounters on the
     * visit's date, for the duplicate check of the claim it builds ({@link VisitClaims#isDuplicate}): the same
     * candidates as {@link #hasDuplicate} reads.
     */
    VisitClaims currentForUpdateWithSameDayClaims(
            String encounterId, String tenantId, String patientMrn, LocalDate dateOfService);

    /**
     * An encounter's current primary claim and the service keys of the live claims (not written off, voided or
     * replaced) of the same tenant's patient on the same date from other encounters; null keys when not read.
     */
    record VisitClaims(
            Optional<Claim> current,
            String tenantId,
            String patientMrn,
            LocalDate dateOfService,
            List<String> otherServiceKeys) {

        /**
         * Whether {@code claim} duplicates one of those claims ({@link #isDuplicate(List, String)}); null when these
         * keys cannot tell (not read, or the claim is of another patient, tenant or date).
         */
        public Boolean isDuplicate(Claim claim) {
            if (otherServiceKeys == null
                    || !claim.tenantId().equals(tenantId)
                    || !claim.patientMrn().equals(patientMrn)
                    || !claim.dateOfService().equals(dateOfService)) {
                return null;
            }
            return isDuplicate(otherServiceKeys, claim.serviceKey());
        }

        /**
         * The duplicate rule, for both of its paths (a coded encounter's claim, and {@link #hasDuplicate}): a claim
         * duplicates another live claim of its patient and date from another encounter when that claim bills the same
         * services (the same service key).
         */
        public static boolean isDuplicate(List<String> otherServiceKeys, String serviceKey) {
            return otherServiceKeys.contains(serviceKey);
        }
    }

    /**
     * Every claim of the encounter (the visit), each payer's, current or superseded, oldest first, locked for the rest
     * of the transaction.
     */
    List<Claim> claimsOfVisitForUpdate(String encounterId);

    /** Every claim of the encounter, oldest first, not locked (for reading). */
    List<Claim> claimsOfVisit(String encounterId);

    /**
     * Whether another encounter of the patient already has a live claim for the same services on the same date: the
     * candidates {@link #currentForUpdateWithSameDayClaims} reads, judged by {@link VisitClaims#isDuplicate(List,
     * String)}.
     */
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
