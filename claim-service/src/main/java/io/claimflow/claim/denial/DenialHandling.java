package io.claimflow.claim.denial;

import io.claimflow.claim.model.Actor;
import io.claimflow.claim.model.Claim;
import io.claimflow.claim.model.ClaimNotFoundException;
import io.claimflow.claim.model.ClaimPolicy;
import io.claimflow.claim.model.ClaimRepository;
import io.claimflow.claim.model.ClaimStatus;
import io.claimflow.claim.workitem.WorkItems;
import io.claimflow.claim.workitem.WorkQueue;
import io.claimflow.codes.DenialCategory;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A payer's denial or rejection in, the claim routed: coding denials go back to coding as RecodeRequested (capped
 * attempts per encounter), duplicates close, front-end rejections wait to be fixed and resubmitted, medical necessity
 * goes to the appeal queue, everything else to the biller's denial work list with its reasons.
 */
@Service
public class DenialHandling {

    private static final Logger log = LoggerFactory.getLogger(DenialHandling.class);
    public static final String RECODE_RULE = "route-coding-denials";

    private final ClaimRepository claims;
    private final DenialRouter router;
    private final RecodeAttempts recodeAttempts;
    private final RecodeRequests recodeRequests;
    private final WorkItems workItems;
    private final ClaimPolicy policy;
    private final Clock clock;

    public DenialHandling(
            ClaimRepository claims,
            DenialRouter router,
            RecodeAttempts recodeAttempts,
            RecodeRequests recodeRequests,
            WorkItems workItems,
            ClaimPolicy policy,
            Clock clock) {
        this.claims = claims;
        this.router = router;
        this.recodeAttempts = recodeAttempts;
        this.recodeRequests = recodeRequests;
        this.workItems = workItems;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * @throws IllegalArgumentException for a denial of a claim this service does not know, or of another encounter
     */
    @Transactional
    public DenialRouter.Route onClaimDenied(DenialNotice denial) {
        Instant now = clock.instant();
        Claim claim = claims.findForUpdate(denial.claimId())
                .orElseThrow(() -> new IllegalArgumentException("ClaimDenied for unknown claim " + denial.claimId()));
        if (!claim.encounterId().equals(denial.encounterId())) {
            throw new IllegalArgumentException("ClaimDenied for claim " + denial.claimId() + " names encounter "
                    + denial.encounterId() + ", the claim bills " + claim.encounterId());
        }
        Actor payer = Actor.payer(denial.payerId());
        int attempts = recodeAttempts.countForEncounter(claim.encounterId());
        DenialRouter.Decision decision = router.route(denial, attempts, policy.maxRecodeAttempts());
        if (deniedByItsOwnPayer(claim, denial)) {
            claim.payerClaimNumber(denial.payerClaimNumber());
        } else {
            // the next payer of a crossed-over claim denied it: the claim keeps its own payer's claim number (what a
            // corrected or void claim names, REF*F8); the denying payer's number goes with its denial, in the
            // history and on the work item, where a biller working that payer's denial finds it
            decision = new DenialRouter.Decision(
                    decision.route(),
                    decision.category(),
                    decision.reason() + " (denied by " + denial.payerId()
                            + (denial.payerClaimNumber() == null
                                            || denial.payerClaimNumber().isBlank()
                                    ? ""
                                    : ", its claim number " + denial.payerClaimNumber())
                            + ")");
        }
        if (!isOpenToDenial(claim.status())) {
            claim.note(
                    payer,
                    "denial received while the claim is " + claim.status() + ", not routed: " + decision.reason(),
                    denial.eventId(),
                    now);
            claims.update(claim);
            log.info(
                    "Denial {} of claim {} ({}) arrived while it is {}; recorded only",
                    denial.eventId(),
                    claim.claimId(),
                    decision.category(),
                    claim.status());
            return null;
        }
        String category = decision.category().name();
        if (claim.status() == ClaimStatus.APPEALED && !denial.frontEndRejection()) {
            // the payer's final word after an appeal: not routed again, the biller decides what becomes of the balance
            String reason = "appeal lost, payer upheld its denial " + decision.reason()
                    + ": write the balance off or bill the patient";
            claim.transitionTo(ClaimStatus.APPEAL_LOST, payer, reason, denial.eventId(), now);
            workItems.resolveOpen(claim.claimId(), "appeal-lost", now);
            workItems.add(claim.claimId(), WorkQueue.LOST_APPEAL, category, reason, denial.eventId(), now);
            claims.update(claim);
            log.info(
                    "Denial {} of appealed claim {} for encounter {}: appeal lost",
                    denial.eventId(),
                    claim.claimId(),
                    claim.encounterId());
            return DenialRouter.Route.BILLER_WORK_LIST;
        }
        switch (decision.route()) {
            case FIX_AND_RESUBMIT -> {
                moveOrNote(claim, ClaimStatus.REJECTED, payer, decision.reason(), denial.eventId(), now);
                workItems.add(claim.claimId(), WorkQueue.REJECTION, category, decision.reason(), denial.eventId(), now);
            }
            case RECODE -> {
                markDenied(claim, payer, decision, denial, now);
                int attempt = attempts + 1;
                claim.transitionTo(
                        ClaimStatus.RECODE_REQUESTED,
                        Actor.rule(RECODE_RULE),
                        decision.reason(),
                        denial.eventId(),
                        now);
                recodeAttempts.record(
                        claim.encounterId(),
                        claim.claimId(),
                        attempt,
                        claim.codingVersion(),
                        denial.eventId(),
                        RECODE_RULE,
                        now);
                workItems.add(
                        claim.claimId(),
                        WorkQueue.RECODE,
                        "AWAITING_CODING",
                        decision.reason() + ": waiting for the corrected coding",
                        denial.eventId(),
                        now);
                recodeRequests.publish(new RecodeRequest(
                        denial.eventId(),
                        claim.encounterId(),
                        claim.tenantId(),
                        claim.claimId(),
                        claim.codingVersion(),
                        attempt,
                        Actor.rule(RECODE_RULE),
                        instructions(denial),
                        denial,
                        decision.category(),
                        now));
            }
            case CLOSE_DUPLICATE -> {
                markDenied(claim, payer, decision, denial, now);
                claim.transitionTo(
                        ClaimStatus.CLOSED,
                        Actor.rule("close-duplicate-denials"),
                        decision.reason(),
                        denial.eventId(),
                        now);
            }
            case APPEAL_QUEUE -> {
                markDenied(claim, payer, decision, denial, now);
                workItems.add(claim.claimId(), WorkQueue.APPEAL, category, decision.reason(), denial.eventId(), now);
            }
            case RECODE_LIMIT_REACHED, BILLER_WORK_LIST -> {
                markDenied(claim, payer, decision, denial, now);
                workItems.add(claim.claimId(), WorkQueue.DENIAL, category, decision.reason(), denial.eventId(), now);
            }
            default -> throw new IllegalStateException("unhandled route " + decision.route());
        }
        claims.update(claim);
        log.info(
                "Denial {} of claim {} for encounter {}: {} -> {}",
                denial.eventId(),
                claim.claimId(),
                claim.encounterId(),
                decision.category(),
                decision.route());
        return decision.route();
    }

    /**
     * A biller sends a denied claim back to coding, also past the automatic limit (which only stops the rule).
     *
     * @throws io.claimflow.claim.model.IllegalTransitionException when the claim is not denied
     */
    @Transactional
    public void requestRecode(String claimId, String instructions, Actor user) {
        Instant now = clock.instant();
        Claim claim = claims.findForUpdate(claimId).orElseThrow(() -> new ClaimNotFoundException(claimId));
        String actionId = UUID.randomUUID().toString(); // the user action is the cause of the request
        int attempt = recodeAttempts.countForEncounter(claim.encounterId()) + 1;
        claim.transitionTo(
                ClaimStatus.RECODE_REQUESTED,
                user,
                "recode attempt " + attempt + " requested by a biller",
                actionId,
                now);
        recodeAttempts.record(
                claim.encounterId(), claim.claimId(), attempt, claim.codingVersion(), actionId, user.id(), now);
        DenialNotice denial = new DenialNotice(
                actionId,
                now,
                claim.encounterId(),
                claim.tenantId(),
                claimId,
                false,
                claim.coverage() == null ? "" : claim.coverage().payerId(),
                claim.payerClaimNumber(),
                "CODING",
                List.of(),
                List.of(),
                List.of(),
                null,
                List.of());
        recodeRequests.publish(new RecodeRequest(
                actionId,
                claim.encounterId(),
                claim.tenantId(),
                claimId,
                claim.codingVersion(),
                attempt,
                user,
                instructions,
                denial,
                DenialCategory.CODING,
                now));
        workItems.resolveOpen(claimId, user.id(), now);
        workItems.add(
                claimId,
                WorkQueue.RECODE,
                "AWAITING_CODING",
                "recode attempt " + attempt + " requested by a biller: waiting for the corrected coding",
                actionId,
                now);
        claims.update(claim);
    }

    /** Whether the denial is the claim's own payer's (not a later payer's after a crossover). */
    private static boolean deniedByItsOwnPayer(Claim claim, DenialNotice denial) {
        return claim.coverage() == null
                || denial.payerId() == null
                || denial.payerId().isBlank()
                || denial.payerId().equals(claim.coverage().payerId());
    }

    // a claim the payer has (or had) in hand; a superseded, closed or unsent claim is not routed again. A crossed-over
    // claim is in the next payer's hands: its denial (the ClaimDenied beside that payer's PaymentPosted, on another
    // topic, often consumed first) is routed like any payer's, else the remittance that follows would leave the claim
    // DENIED with no work item
    private static boolean isOpenToDenial(ClaimStatus status) {
        return switch (status) {
            case SUBMITTED, ACKNOWLEDGED, PARTIALLY_PAID, DENIED, APPEALED, CROSSED_OVER -> true;
            default -> false;
        };
    }

    // a line-level denial of a partly paid claim keeps it PARTIALLY_PAID; otherwise the claim is DENIED first
    private static void markDenied(
            Claim claim, Actor payer, DenialRouter.Decision decision, DenialNotice denial, Instant now) {
        if (claim.status() == ClaimStatus.PARTIALLY_PAID || claim.status() == ClaimStatus.DENIED) {
            claim.note(payer, "denied: " + decision.reason(), denial.eventId(), now);
        } else {
            claim.transitionTo(ClaimStatus.DENIED, payer, decision.reason(), denial.eventId(), now);
        }
    }

    private static void moveOrNote(
            Claim claim, ClaimStatus next, Actor actor, String reason, String cause, Instant now) {
        if (claim.status().canBecome(next)) {
            claim.transitionTo(next, actor, reason, cause, now);
        } else {
            claim.note(actor, reason, cause, now);
        }
    }

    private static String instructions(DenialNotice denial) {
        String lines = denial.affectedLineNumbers().isEmpty() ? "the claim" : "line(s) " + denial.affectedLineNumbers();
        return "Payer denied " + lines + " for a coding reason; review the codes and diagnosis pointers.";
    }
}
