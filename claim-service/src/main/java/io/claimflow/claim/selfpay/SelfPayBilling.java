package io.claimflow.claim.selfpay;

import io.claimflow.claim.model.Actor;
import io.claimflow.claim.model.Claim;
import io.claimflow.claim.model.ClaimNotFoundException;
import io.claimflow.claim.model.ClaimRepository;
import io.claimflow.claim.model.ClaimStatus;
import io.claimflow.claim.submission.ClaimAssembler;
import io.claimflow.claim.submission.PatientBilledClaims;
import io.claimflow.claim.workitem.WorkItems;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bills a held self-pay claim (no coverage on the encounter) to the patient: the claim's whole charge becomes the
 * patient's responsibility, nothing is left to collect from a payer, its open work is resolved, and
 * ClaimBilledToPatient goes out through the outbox in the same transaction, so that patient-billing charges the visit
 * to the patient. A visit recoded after its claim was billed to the patient gets a new claim; when that one is billed
 * to the patient too, its event names the earlier one ({@code replacedClaimId}): one visit charges the patient once.
 */
@Service
public class SelfPayBilling {

    /** The reason given when the biller gives none. */
    public static final String DEFAULT_REASON = "self-pay: no coverage on the encounter";

    private static final Logger log = LoggerFactory.getLogger(SelfPayBilling.class);

    private final ClaimRepository claims;
    private final ClaimAssembler assembler;
    private final WorkItems workItems;
    private final PatientBilledClaims billed;
    private final Clock clock;

    public SelfPayBilling(
            ClaimRepository claims,
            ClaimAssembler assembler,
            WorkItems workItems,
            PatientBilledClaims billed,
            Clock clock) {
        this.claims = claims;
        this.assembler = assembler;
        this.workItems = workItems;
        this.billed = billed;
        this.clock = clock;
    }

    /**
     * Bills the held self-pay claim to the patient.
     *
     * @throws io.claimflow.claim.model.IllegalTransitionException when the claim is not HELD, has coverage or has a
     *     line the fee schedule still has no price for
     */
    @Transactional
    public BilledToPatient billToPatient(String claimId, String reason, Actor user) {
        Claim claim = claims.findForUpdate(claimId).orElseThrow(() -> new ClaimNotFoundException(claimId));
        String why = reason == null || reason.isBlank() ? DEFAULT_REASON : reason.strip();
        Instant now = clock.instant();
        if (claim.status() == ClaimStatus.HELD && claim.coverage() == null) {
            // a price added to the fee schedule since the claim was held counts
            claim.reprice(assembler.repriceMissing(claim));
        }
        claim.billToPatient(user, why, now);
        claims.update(claim);
        workItems.resolveOpen(claimId, user.id(), now);
        String replaced = earlierBilledClaim(claim);
        billed.publishBilledToPatient(claim, replaced, user.id(), why, now);
        log.info(
                "Claim {} for encounter {} billed to the patient (total {}, replaces {})",
                claim.claimId(),
                claim.encounterId(),
                claim.totalCharge(),
                replaced);
        return new BilledToPatient(
                claim.claimId(),
                claim.encounterId(),
                claim.status().name(),
                claim.totalCharge(),
                claim.patientResponsibility(),
                claim.balance(),
                replaced,
                why);
    }

    /** What became of a claim billed to the patient. */
    public record BilledToPatient(
            String claimId,
            String encounterId,
            String status,
            java.math.BigDecimal totalCharge,
            java.math.BigDecimal patientResponsibility,
            java.math.BigDecimal balance,
            String replacedClaimId,
            String reason) {}

    /** The visit's latest superseded claim that was billed to the patient, or null. */
    private String earlierBilledClaim(Claim claim) {
        return claims.claimsOfVisit(claim.encounterId()).stream()
                .filter(c -> !c.claimId().equals(claim.claimId()) && c.status().isSuperseded())
                .filter(c -> claims.timeline(c.claimId()).stream()
                        .anyMatch(change -> change.to() == ClaimStatus.BILLED_TO_PATIENT))
                .max(Comparator.comparing(Claim::createdAt).thenComparing(Claim::claimId))
                .map(Claim::claimId)
                .orElse(null);
    }
}
