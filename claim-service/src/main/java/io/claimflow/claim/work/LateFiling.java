package io.claimflow.claim.work;

import io.claimflow.claim.model.Actor;
import io.claimflow.claim.model.Claim;
import io.claimflow.claim.model.ClaimNotFoundException;
import io.claimflow.claim.model.ClaimPolicy;
import io.claimflow.claim.model.ClaimRepository;
import io.claimflow.claim.model.ClaimStatus;
import io.claimflow.claim.model.IllegalTransitionException;
import io.claimflow.claim.model.StatusChange;
import io.claimflow.claim.workitem.WorkItems;
import io.claimflow.codes.DelayReason;
import io.claimflow.codes.DenialCategory;
import io.claimflow.codes.Frequency;
import io.claimflow.platform.validation.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Claims past the payer's timely-filing limit: the proof of timely filing assembled from the visit's claim history
 * (when the claim, or an earlier claim of the visit to the same payer, was submitted: the first submission's date and
 * claim, its acknowledgment, the payer's claim number), a held claim released late with a delay reason (CLM20) and
 * that proof as the note to the payer (NTE*ADD), and an appeal of a timely-filing denial (CARC 29) filed with it.
 */
@Service
public class LateFiling {

    /** NTE02 of the 837P holds at most 80 characters. */
    public static final int NOTE_LENGTH = 80;

    private final ClaimRepository claims;
    private final ClaimWork work;
    private final WorkItems workItems;
    private final ClaimPolicy policy;
    private final java.time.Clock clock;

    public LateFiling(
            ClaimRepository claims, ClaimWork work, WorkItems workItems, ClaimPolicy policy, java.time.Clock clock) {
        this.claims = claims;
        this.work = work;
        this.workItems = workItems;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * What claim-service knows of a claim's timely filing.
     *
     * @param deadline the last day of the payer's filing window
     * @param pastDeadline whether today is after it
     * @param firstSubmittedOn when the visit's first claim to this payer was submitted; null if never
     * @param firstClaimId that claim
     * @param acknowledgedOn when the payer acknowledged a claim of the visit (its state ACKNOWLEDGED); null if not known
     * @param payerClaimNumber the payer's claim number (ICN) of a claim of the visit; null if none
     * @param deniedForTimelyFiling whether the claim has open work for a timely-filing denial (CARC 29)
     * @param delayReasonCode the delay reason (CLM20) the visit's first claim to this payer went out with, when it was
     *     itself filed late; null otherwise
     * @param note the proof as a note to the payer, at most 80 characters: the first submission in time, or, for a
     *     claim first filed late, its delay reason and the note it went out with; null when nothing was submitted
     */
    public record Proof(
            LocalDate deadline,
            boolean pastDeadline,
            LocalDate firstSubmittedOn,
            String firstClaimId,
            LocalDate acknowledgedOn,
            String payerClaimNumber,
            boolean deniedForTimelyFiling,
            String delayReasonCode,
            String note) {}

    @Transactional(readOnly = true)
    public Proof proof(String claimId) {
        Claim claim = claims.find(claimId).orElseThrow(() -> new ClaimNotFoundException(claimId));
        return proofOf(claim);
    }

    /**
     * Releases a held or rejected claim past its payer's timely-filing limit with a delay reason and a note (the
     * assembled proof when none is given): the scrubber passes its timely-filing rule for it, its other rules still
     * apply (422 with the reasons, nothing changed); the claim goes out with CLM20 and NTE*ADD.
     */
    @Transactional
    public ClaimDetail releaseLate(String claimId, DelayReason reason, String note, Actor user) {
        Claim claim = claims.findForUpdate(claimId).orElseThrow(() -> new ClaimNotFoundException(claimId));
        if (claim.status() != ClaimStatus.HELD && claim.status() != ClaimStatus.REJECTED) {
            throw new IllegalTransitionException("Claim " + claimId + " is " + claim.status()
                    + "; only a HELD or REJECTED claim is released with a delay reason");
        }
        Proof proof = proofOf(claim);
        if (!proof.pastDeadline()) {
            throw new IllegalTransitionException("Claim " + claimId + " is within its payer's timely-filing window"
                    + " (until " + proof.deadline() + "): release it without a delay reason");
        }
        String text = note == null || note.isBlank() ? proof.note() : note.strip();
        if (text == null) {
            throw new InvalidInputException("give the note with the proof of timely filing: the claim's history has"
                    + " no earlier submission to this payer");
        }
        claim.fileLate(reason.code(), text);
        claim.note(
                user,
                "filed late with delay reason " + reason.code() + " (" + reason.description() + ")",
                null,
                clock.instant());
        claims.update(claim);
        return work.release(claimId, user);
    }

    /**
     * Files an appeal; for a claim denied for timely filing it carries the proof of timely filing (the one given, or
     * the assembled one).
     */
    @Transactional
    public ClaimDetail appeal(String claimId, String notes, String timelyFilingProof, Actor user) {
        Claim claim = claims.find(claimId).orElseThrow(() -> new ClaimNotFoundException(claimId));
        String proof = timelyFilingProof == null || timelyFilingProof.isBlank() ? null : timelyFilingProof.strip();
        if (proof == null && deniedForTimelyFiling(claimId)) {
            proof = proofOf(claim).note();
        }
        return work.appeal(claimId, notes, proof, user);
    }

    private Proof proofOf(Claim claim) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String payerId = claim.coverage() == null ? null : claim.coverage().payerId();
        LocalDate deadline = claim.dateOfService().plusDays(policy.timelyFilingDaysFor(payerId));
        // the visit's claims to this payer (this one, the ones it replaced or superseded), voids aside
        List<Claim> toPayer = claims.claimsOfVisit(claim.encounterId()).stream()
                .filter(c -> c.payerSequence() == claim.payerSequence())
                .filter(c -> c.frequency() != Frequency.VOID)
                .filter(c -> payerId == null
                        || c.coverage() == null
                        || payerId.equals(c.coverage().payerId()))
                .toList();
        Claim first = toPayer.stream()
                .filter(c -> c.submittedAt() != null)
                .min(Comparator.comparing(Claim::submittedAt))
                .orElse(null);
        String payerClaimNumber = toPayer.stream()
                .map(Claim::payerClaimNumber)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
        Instant acknowledged = toPayer.stream()
                .flatMap(c -> claims.timeline(c.claimId()).stream())
                .filter(t -> t.to() == ClaimStatus.ACKNOWLEDGED)
                .map(StatusChange::at)
                .min(Comparator.naturalOrder())
                .orElse(null);
        LocalDate firstOn = first == null ? null : LocalDate.ofInstant(first.submittedAt(), ZoneOffset.UTC);
        LocalDate ackOn = acknowledged == null ? null : LocalDate.ofInstant(acknowledged, ZoneOffset.UTC);
        // a visit first sent to this payer late (released with a delay reason, never sent before): its first
        // submission proves the lateness, not timely filing; the proof is why it was late, as it went out
        String delayReason = first == null ? null : first.delayReasonCode();
        String note;
        if (first == null) {
            note = null;
        } else if (delayReason != null) {
            note = lateNote(delayReason, first.claimNote());
        } else {
            note = note(firstOn, first.claimId(), ackOn, payerClaimNumber);
        }
        return new Proof(
                deadline,
                today.isAfter(deadline),
                firstOn,
                first == null ? null : first.claimId(),
                ackOn,
                payerClaimNumber,
                deniedForTimelyFiling(claim.claimId()),
                delayReason,
                note);
    }

    /** A claim first filed late: its delay reason (CLM20) and what fits of the note it went out with (NTE*ADD). */
    static String lateNote(String delayReasonCode, String claimNote) {
        StringBuilder note = new StringBuilder("filed late, delay reason ").append(safe(delayReasonCode));
        if (claimNote != null && !claimNote.isBlank()) {
            String rest = ", " + safe(claimNote.strip());
            note.append(rest, 0, Math.min(rest.length(), NOTE_LENGTH - note.length()));
        }
        return note.toString();
    }

    /** The proof in at most 80 characters: the first submission's date always, then what fits of the rest. */
    static String note(LocalDate firstOn, String firstClaimId, LocalDate ackOn, String payerClaimNumber) {
        StringBuilder note = new StringBuilder("orig filed ").append(firstOn);
        append(note, payerClaimNumber == null ? null : " payer ICN " + safe(payerClaimNumber));
        append(note, ackOn == null ? null : " ack " + ackOn);
        append(note, " claim " + safe(firstClaimId));
        return note.toString();
    }

    private static void append(StringBuilder note, String part) {
        if (part != null && note.length() + part.length() <= NOTE_LENGTH) {
            note.append(part);
        }
    }

    /** Only characters an X12 note carries safely (no separators). */
    static String safe(String value) {
        return value.replaceAll("[^A-Za-z0-9 .,/#&'()+=@-]", "");
    }

    private boolean deniedForTimelyFiling(String claimId) {
        return workItems.openForClaim(claimId).stream()
                .anyMatch(w -> DenialCategory.TIMELY_FILING.name().equals(w.category()));
    }
}
