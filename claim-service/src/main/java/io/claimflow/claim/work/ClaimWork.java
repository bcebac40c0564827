package io.claimflow.claim.work;

import io.claimflow.claim.model.Actor;
import io.claimflow.claim.model.Claim;
import io.claimflow.claim.model.ClaimNotFoundException;
import io.claimflow.claim.model.ClaimRepository;
import io.claimflow.claim.model.ClaimStatus;
import io.claimflow.claim.model.IllegalTransitionException;
import io.claimflow.claim.model.ScrubFinding;
import io.claimflow.claim.payment.Payments;
import io.claimflow.claim.payment.VisitMoney;
import io.claimflow.claim.submission.ClaimAssembler;
import io.claimflow.claim.submission.ClaimNumbers;
import io.claimflow.claim.submission.ClaimSubmission;
import io.claimflow.claim.submission.SubmittedClaims;
import io.claimflow.claim.workitem.OpenBalanceWork;
import io.claimflow.claim.workitem.Page;
import io.claimflow.claim.workitem.WorkItems;
import io.claimflow.claim.workitem.WorkQueue;
import io.claimflow.platform.validation.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What billers do with claims: find them, look at one, correct and release a held claim, void, appeal, write off,
 * and work the denial and held lists (the paged lists and the follow-up list: {@link WorkLists}). Every change is on
 * the claim's timeline with the user's name.
 */
@Service
public class ClaimWork {

    private final ClaimRepository claims;
    private final ClaimQueries queries;
    private final WorkItems workItems;
    private final Payments payments;
    private final ClaimSubmission submission;
    private final ClaimAssembler assembler;
    private final SubmittedClaims submitted;
    private final Clock clock;

    public ClaimWork(
            ClaimRepository claims,
            ClaimQueries queries,
            WorkItems workItems,
            Payments payments,
            ClaimSubmission submission,
            ClaimAssembler assembler,
            SubmittedClaims submitted,
            Clock clock) {
        this.claims = claims;
        this.queries = queries;
        this.workItems = workItems;
        this.payments = payments;
        this.submission = submission;
        this.assembler = assembler;
        this.submitted = submitted;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Page<ClaimSummary> search(ClaimSearch search) {
        return queries.search(search);
    }

    @Transactional(readOnly = true)
    public ClaimDetail detail(String claimId) {
        Claim claim = claims.find(claimId).orElseThrow(() -> new ClaimNotFoundException(claimId));
        List<Claim> visit = claims.claimsOfVisit(claim.encounterId());
        Map<String, List<Payments.PostedPayment>> visitPayments = new HashMap<>();
        visit.forEach(c -> visitPayments.put(c.claimId(), payments.forClaim(c.claimId())));
        return new ClaimDetail(
                claim,
                claims.timeline(claimId),
                claims.openFindings(claimId),
                workItems.openForClaim(claimId),
                visitPayments.getOrDefault(claimId, List.of()),
                queries.appeals(claimId),
                queries.followUps(claimId),
                visit.stream()
                        .filter(c -> claimId.equals(c.priorPayerClaimId()))
                        .map(Claim::claimId)
                        .toList(),
                visit.stream().anyMatch(c -> !c.status().isSuperseded())
                        ? VisitMoney.of(claim.encounterId(), visit, visitPayments)
                        : null);
    }

    /** Corrects a held or rejected claim's data; it stays where it is until released. */
    @Transactional
    public ClaimDetail correct(String claimId, Claim.Correction correction, Actor user) {
        Claim claim = locked(claimId);
        claim.correct(correction);
        List<String> fields = new ArrayList<>();
        if (correction.billingNpi() != null) {
            fields.add("billing NPI");
        }
        if (correction.billingTaxId() != null) {
            fields.add("billing tax id");
        }
        if (correction.renderingNpi() != null) {
            fields.add("rendering NPI");
        }
        if (correction.referringNpi() != null) {
            fields.add("referring NPI");
        }
        if (correction.memberId() != null) {
            fields.add("member id");
        }
        if (correction.priorAuthorizationNumber() != null) {
            fields.add("prior authorization number");
        }
        if (fields.isEmpty()) {
            throw new InvalidInputException("nothing to correct: give at least one field");
        }
        claim.note(user, "corrected " + String.join(", ", fields), null, clock.instant());
        claims.update(claim);
        return detail(claimId);
    }

    /** Adds or changes a held or rejected claim's coverage; it stays where it is until released. */
    @Transactional
    public ClaimDetail changeCoverage(String claimId, String payerId, String payerName, String memberId, Actor user) {
        Claim claim = locked(claimId);
        boolean added = claim.coverage() == null;
        // coverage added to a self-pay claim has the patient as its subscriber; a changed one keeps its subscriber
        io.claimflow.claim.model.CoverageRef coverage = new io.claimflow.claim.model.CoverageRef(
                payerId, payerName, memberId, added ? "SELF" : claim.coverage().relationshipToSubscriber());
        claim.changeCoverage(coverage);
        claim.note(
                user,
                (added ? "coverage added: " : "coverage changed: ") + "payer " + coverage.payerId(),
                null,
                clock.instant());
        claims.update(claim);
        return detail(claimId);
    }

    /**
     * Releases a held (or front-end rejected) claim: prices lines the fee schedule now has, scrubs it again and
     * submits it.
     *
     * @throws UnprocessableClaimException when it still fails the scrubber (nothing changes)
     */
    @Transactional
    public ClaimDetail release(String claimId, Actor user) {
        Claim claim = locked(claimId);
        if (claim.status() != ClaimStatus.HELD && claim.status() != ClaimStatus.REJECTED) {
            throw new IllegalTransitionException(
                    "Claim " + claimId + " is " + claim.status() + "; only a HELD or REJECTED claim can be released");
        }
        claim.reprice(assembler.repriceMissing(claim));
        List<ScrubFinding> findings = submission.scrubAndSubmit(claim, user, null);
        if (!findings.isEmpty()) {
            throw new UnprocessableClaimException(claimId, findings);
        }
        workItems.resolveOpen(claimId, user.id(), clock.instant());
        return detail(claimId);
    }

    /** Voids an adjudicated claim with the payer: a frequency-8 claim goes out, the original becomes VOIDED. */
    @Transactional
    public ClaimDetail voidClaim(String claimId, String reason, Actor user) {
        Claim original = locked(claimId);
        if (!original.current()) {
            throw new IllegalTransitionException("Claim " + claimId + " is not the encounter's current claim");
        }
        if (!original.status().canBecome(ClaimStatus.VOIDED)) {
            throw new IllegalTransitionException(claimId, original.status(), ClaimStatus.VOIDED);
        }
        if (original.payerClaimNumber() == null) {
            throw new IllegalTransitionException(
                    "Claim " + claimId + " has no payer claim number yet: the payer has nothing to void");
        }
        Instant now = clock.instant();
        Claim voiding = assembler.voidOf(
                original,
                ClaimNumbers.of(
                        claims.nextClaimNumber(), original.tenantId(), LocalDate.ofInstant(now, ZoneOffset.UTC)),
                user,
                reason,
                now);
        original.transitionTo(
                ClaimStatus.VOIDED, user, "voided by claim " + voiding.claimId() + ": " + reason, null, now);
        claims.update(original);
        voiding.transitionTo(ClaimStatus.SUBMITTED, user, "void sent to the payer", null, now);
        claims.insert(voiding);
        submitted.publish(voiding, original.sourceEventId(), now);
        workItems.resolveOpen(claimId, user.id(), now);
        OpenBalanceWork.trackPayerMoney(original, workItems, null, now);
        return detail(voiding.claimId());
    }

    @Transactional
    public ClaimDetail appeal(String claimId, String notes, Actor user) {
        return appeal(claimId, notes, null, user);
    }

    /** Files an appeal; {@code timelyFilingProof} (null: none) is filed with it, for a timely-filing denial. */
    @Transactional
    public ClaimDetail appeal(String claimId, String notes, String timelyFilingProof, Actor user) {
        Claim claim = locked(claimId);
        Instant now = clock.instant();
        claim.transitionTo(
                ClaimStatus.APPEALED,
                user,
                timelyFilingProof == null ? "appeal filed" : "appeal filed with proof of timely filing",
                null,
                now);
        claims.update(claim);
        queries.addAppeal(claimId, notes, timelyFilingProof, user.id(), now);
        workItems.resolveOpen(claimId, user.id(), now);
        return detail(claimId);
    }

    /** The payer's answer to an appeal. */
    public enum AppealOutcome {
        WON,
        LOST,
        WITHDRAWN
    }

    /** What a biller makes of a lost appeal's open balance. */
    public enum BalanceDecision {
        WRITE_OFF,
        BILL_PATIENT
    }

    /**
     * The biller's decision on a lost appeal (APPEAL_LOST): the open balance is written off (an adjustment; the claim
     * is WRITTEN_OFF) or billed to the patient (added to the patient's responsibility; nothing is left to collect
     * from the payer, so the claim is CLOSED). The claim leaves the lost-appeal work list.
     */
    @Transactional
    public ClaimDetail decideLostAppeal(String claimId, BalanceDecision decision, String reason, Actor user) {
        Claim claim = locked(claimId);
        if (claim.status() != ClaimStatus.APPEAL_LOST) {
            throw new IllegalTransitionException("Claim " + claimId + " is " + claim.status()
                    + "; only a claim whose appeal was lost (APPEAL_LOST) takes this decision");
        }
        Instant now = clock.instant();
        java.math.BigDecimal balance = claim.balance();
        String why = reason == null || reason.isBlank() ? "" : ": " + reason;
        if (decision == BalanceDecision.WRITE_OFF) {
            claim.addPayment(java.math.BigDecimal.ZERO, java.math.BigDecimal.ZERO, balance);
            claim.transitionTo(
                    ClaimStatus.WRITTEN_OFF, user, "lost appeal: balance " + balance + " written off" + why, null, now);
        } else {
            claim.addPayment(java.math.BigDecimal.ZERO, balance, java.math.BigDecimal.ZERO);
            claim.transitionTo(
                    ClaimStatus.CLOSED,
                    user,
                    "lost appeal: balance " + balance + " billed to the patient" + why,
                    null,
                    now);
        }
        claims.update(claim);
        workItems.resolveOpen(claimId, user.id(), now);
        return detail(claimId);
    }

    /**
     * Records how an appeal ended. A won appeal waits for the payer's payment; a lost or withdrawn one puts the claim
     * back to DENIED for the biller to write off or pursue.
     */
    @Transactional
    public ClaimDetail decideAppeal(String claimId, long appealId, AppealOutcome outcome, Actor user) {
        Claim claim = locked(claimId);
        if (!queries.decideAppeal(claimId, appealId, outcome.name())) {
            throw new IllegalTransitionException(
                    "Claim " + claimId + " has no filed appeal " + appealId + " waiting for an outcome");
        }
        Instant now = clock.instant();
        if (outcome != AppealOutcome.WON && claim.status() == ClaimStatus.APPEALED) {
            String reason = "appeal " + appealId + " " + outcome.name().toLowerCase()
                    + ": write the balance off or bill the patient";
            claim.transitionTo(ClaimStatus.APPEAL_LOST, user, reason, null, now);
            workItems.resolveOpen(claimId, user.id(), now);
            workItems.add(claimId, WorkQueue.LOST_APPEAL, "APPEAL_" + outcome.name(), reason, null, now);
        } else {
            claim.note(user, "appeal " + appealId + " " + outcome.name().toLowerCase(), null, now);
        }
        claims.update(claim);
        return detail(claimId);
    }

    @Transactional
    public ClaimDetail writeOff(String claimId, String reason, Actor user) {
        Claim claim = locked(claimId);
        Instant now = clock.instant();
        claim.transitionTo(ClaimStatus.WRITTEN_OFF, user, "written off: " + reason, null, now);
        claims.update(claim);
        workItems.resolveOpen(claimId, user.id(), now);
        return detail(claimId);
    }

    @Transactional
    public ClaimDetail addFollowUp(String claimId, String note, LocalDate nextFollowUp, Actor user) {
        Claim claim = locked(claimId);
        Instant now = clock.instant();
        if (!claim.status().awaitsPayer() && claim.status().next().stream().noneMatch(ClaimStatus::awaitsPayer)) {
            // closed, paid, written off, voided or replaced: nothing left to chase
            throw new IllegalTransitionException("Claim " + claimId + " is " + claim.status()
                    + "; a follow-up is only for a claim still being worked");
        }
        if (nextFollowUp != null && !nextFollowUp.isAfter(LocalDate.ofInstant(now, ZoneOffset.UTC))) {
            throw new InvalidInputException("nextFollowUp must be a future date");
        }
        queries.addFollowUp(claimId, note, nextFollowUp, user.id(), now);
        claim.note(user, "followed up" + (nextFollowUp == null ? "" : ", next on " + nextFollowUp), null, now);
        claims.update(claim);
        return detail(claimId);
    }

    @Transactional(readOnly = true)
    public List<WorkItems.WorkItem> denialWorkList(WorkQueue queue, int page, int size) {
        return workItems.open(queue, page * size, size);
    }

    /** Claims with money open and no work item (see {@link OpenBalanceWork}): should always be empty. */
    @Transactional(readOnly = true)
    public List<ClaimSummary> openBalancesWithoutWorkItem(int limit) {
        return queries.openBalancesWithoutWorkItem(OpenBalanceWork.statesNeedingWorkItems(), limit);
    }

    @Transactional(readOnly = true)
    public List<ClaimQueries.HeldClaim> held(int page, int size) {
        return queries.held(page * size, size);
    }

    @Transactional(readOnly = true)
    public List<ClaimQueries.AgingRow> aging(LocalDate today) {
        return queries.aging(today);
    }

    private Claim locked(String claimId) {
        return claims.findForUpdate(claimId).orElseThrow(() -> new ClaimNotFoundException(claimId));
    }
}
