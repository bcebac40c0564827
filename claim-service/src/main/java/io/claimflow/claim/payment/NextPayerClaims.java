package io.claimflow.claim.payment;

import io.claimflow.claim.denial.AdjustmentCode;
import io.claimflow.claim.model.Actor;
import io.claimflow.claim.model.Claim;
import io.claimflow.claim.model.ClaimRepository;
import io.claimflow.claim.model.ClaimStatus;
import io.claimflow.claim.model.CoverageRef;
import io.claimflow.claim.model.PayerOrder;
import io.claimflow.claim.model.PriorAdjudication;
import io.claimflow.claim.submission.ClaimNumbers;
import io.claimflow.claim.submission.ClaimSubmission;
import io.claimflow.claim.workitem.WorkItems;
import io.claimflow.claim.workitem.WorkQueue;
import io.claimflow.platform.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Coordination of benefits: after a payer's remittance that leaves the patient something to pay and names a next
 * payer, the next payer's claim for the visit is built (same lines and charges, the next coverage, every earlier
 * payer's adjudication), scrubbed and submitted through the outbox, in the transaction that posted the remittance.
 * One claim per payer of a visit: a remittance posted twice builds nothing more. When a corrected claim of an earlier
 * payer is adjudicated again, the next payer's claim is replaced (frequency 7 when that payer adjudicated it) so it
 * carries the new adjudication. A reversal of an earlier payer's payment after its adjudication went to the next
 * payer is a work item on the next payer's claim.
 */
@Service
public class NextPayerClaims {

    private static final Logger log = LoggerFactory.getLogger(NextPayerClaims.class);
    static final Actor COB = Actor.system("coordination-of-benefits");

    private final ClaimRepository claims;
    private final PayerOrder payerOrder;
    private final ClaimSubmission submission;
    private final WorkItems workItems;

    public NextPayerClaims(
            ClaimRepository claims, PayerOrder payerOrder, ClaimSubmission submission, WorkItems workItems) {
        this.claims = claims;
        this.payerOrder = payerOrder;
        this.submission = submission;
        this.workItems = workItems;
    }

    /** Builds and submits the next payer's claim after {@code paid}'s remittance {@code notice}. */
    void bill(Claim paid, PaymentNotice notice, PaymentAssessment assessment, Instant now) {
        Actor payer = Actor.payer(notice.payerId());
        if (paid.payerSequence() >= 3) {
            nextPayerUnknown(paid, notice, "a fourth payer is not billed", now);
            return;
        }
        Optional<CoverageRef> coverage =
                nextCoverage(payerOrder.coverages(paid), paid.coverage(), notice.nextPayerId());
        if (coverage.isEmpty()) {
            nextPayerUnknown(paid, notice, "the patient has no other coverage with payer " + notice.nextPayerId(), now);
            return;
        }
        int nextSequence = paid.payerSequence() + 1;
        Claim replaced = null;
        for (Claim existing : claims.claimsOfVisitForUpdate(paid.encounterId())) {
            if (existing.payerSequence() != nextSequence || !existing.current()) {
                continue;
            }
            if (paid.claimId().equals(existing.priorPayerClaimId())) {
                log.info("Claim {} for the next payer of claim {} exists already", existing.claimId(), paid.claimId());
                return;
            }
            // an earlier claim of the next payer, built from an adjudication that no longer stands (this visit's
            // earlier claim was corrected and adjudicated again)
            boolean adjudicated = existing.payerClaimNumber() != null;
            if (!existing.status().canBecome(ClaimStatus.REPLACED)
                    || (existing.status().awaitsPayer() && !adjudicated)) {
                workItems.add(
                        existing.claimId(),
                        WorkQueue.COORDINATION,
                        "PRIOR_PAYER_READJUDICATED",
                        "payer " + notice.payerId() + " adjudicated claim " + paid.claimId() + " (remittance "
                                + notice.traceNumber() + ") while this claim, carrying its earlier adjudication, is "
                                + existing.status() + ": correct or void it",
                        notice.eventId(),
                        now);
                paid.note(
                        payer,
                        "next payer " + notice.nextPayerId() + " has claim " + existing.claimId() + " in state "
                                + existing.status() + "; left for a biller",
                        notice.eventId(),
                        now);
                return;
            }
            replaced = existing;
        }
        List<PriorAdjudication> priors = new ArrayList<>(paid.priorAdjudications());
        priors.add(adjudication(paid, notice, assessment));
        ClaimNumbers numbers = submission.newNumbers(paid.tenantId());
        Claim next = paid.forNextPayer(
                numbers.claimId(),
                numbers.patientControlNumber(),
                coverage.get(),
                priors,
                replaced != null && replaced.payerClaimNumber() != null ? replaced : null,
                COB,
                notice.eventId(),
                now);
        if (replaced != null) {
            replaced.transitionTo(
                    ClaimStatus.REPLACED,
                    COB,
                    "replaced by claim " + next.claimId() + " carrying payer " + notice.payerId()
                            + "'s new adjudication of claim " + paid.claimId(),
                    notice.eventId(),
                    now);
            claims.update(replaced); // first, so the payer never has two current claims for the visit
            workItems.resolveOpen(replaced.claimId(), COB.id(), now);
        }
        ClaimSubmission.Outcome outcome = submission.submitNew(next, COB, notice.eventId());
        paid.note(
                payer,
                "patient share " + Money.of(assessment.patientResponsibility()) + " billed to next payer "
                        + notice.nextPayerId() + " with claim " + next.claimId() + " (" + outcome + ")",
                notice.eventId(),
                now);
        log.info(
                "Claim {} for payer {} (sequence {}) built after claim {}: {}",
                next.claimId(),
                next.coverage().payerId(),
                next.payerSequence(),
                paid.claimId(),
                outcome);
    }

    /**
     * An earlier payer reversed its payment of {@code reversed}: every later payer's claim carrying that payer's
     * adjudication gets a work item, since what it told the next payer no longer stands.
     */
    void priorPayerReversed(Claim reversed, PaymentNotice notice, Instant now) {
        for (Claim later : claims.claimsOfVisitForUpdate(reversed.encounterId())) {
            boolean carries = later.priorAdjudications().stream()
                    .anyMatch(p -> p.sourceClaimId().equals(reversed.claimId()));
            if (!carries || later.status().isSuperseded() || later.claimId().equals(reversed.claimId())) {
                continue;
            }
            String reason = "payer " + notice.payerId() + " reversed its payment of claim " + reversed.claimId()
                    + " (remittance " + notice.traceNumber() + ") after this claim went to payer "
                    + later.coverage().payerId() + " with that adjudication: void or correct this claim once the "
                    + "earlier payer has paid again";
            workItems.add(
                    later.claimId(), WorkQueue.COORDINATION, "PRIOR_PAYER_REVERSED", reason, notice.eventId(), now);
            later.note(Actor.payer(notice.payerId()), reason, notice.eventId(), now);
            claims.update(later);
        }
    }

    /**
     * The coverage the remittance's next payer stands for: the first coverage after the paid one in payment order
     * with that payer id. Two plans of one payer (a member's and a spouse's plan with the same insurer) are told apart
     * by their place in the order, since the remittance names only the payer.
     */
    static Optional<CoverageRef> nextCoverage(List<CoverageRef> paymentOrder, CoverageRef paid, String nextPayerId) {
        int paidAt = -1;
        for (int i = 0; i < paymentOrder.size() && paidAt < 0; i++) {
            if (paymentOrder.get(i).samePlan(paid)) {
                paidAt = i;
            }
        }
        return paymentOrder.stream()
                .skip(paidAt + 1)
                .filter(c -> c.payerId().equals(nextPayerId) && !c.samePlan(paid))
                .findFirst();
    }

    private void nextPayerUnknown(Claim paid, PaymentNotice notice, String why, Instant now) {
        String reason = "remittance " + notice.traceNumber() + " names next payer " + notice.nextPayerId() + ", but "
                + why + ": bill the patient's other coverage by hand, or the patient";
        workItems.add(paid.claimId(), WorkQueue.COORDINATION, "NEXT_PAYER_UNKNOWN", reason, notice.eventId(), now);
        paid.note(COB, reason, notice.eventId(), now);
    }

    /** The paying payer's adjudication of the visit, as the next payer's claim carries it. */
    static PriorAdjudication adjudication(Claim paid, PaymentNotice notice, PaymentAssessment assessment) {
        return new PriorAdjudication(
                paid.payerSequence(),
                notice.payerId(),
                notice.payerName() == null ? notice.payerId() : notice.payerName(),
                notice.payerClaimNumber(),
                notice.paymentDate(),
                assessment.paid(),
                assessment.patientResponsibility(),
                notice.claimAdjustments().stream()
                        .map(NextPayerClaims::adjustment)
                        .toList(),
                notice.lines().stream()
                        .filter(l -> l.lineNumber() != null)
                        .map(l -> new PriorAdjudication.Line(
                                l.lineNumber(),
                                l.procedureCode(),
                                l.modifiers(),
                                l.units(),
                                Money.of(l.chargeAmount()),
                                l.allowedAmount() == null ? null : Money.of(l.allowedAmount()),
                                Money.of(l.paidAmount()),
                                l.adjustments().stream()
                                        .map(NextPayerClaims::adjustment)
                                        .toList(),
                                l.remarkCodes()))
                        .toList(),
                paid.claimId(),
                notice.eventId());
    }

    private static PriorAdjudication.Adjustment adjustment(AdjustmentCode a) {
        return new PriorAdjudication.Adjustment(a.groupCode(), a.reasonCode(), Money.of(a.amount()));
    }
}
