package io.claimflow.claim.payment;

import io.claimflow.claim.denial.AdjustmentCode;
import io.claimflow.claim.denial.CarcTable;
import io.claimflow.claim.model.Actor;
import io.claimflow.claim.model.Claim;
import io.claimflow.claim.model.ClaimRepository;
import io.claimflow.claim.model.ClaimStatus;
import io.claimflow.claim.workitem.OpenBalanceWork;
import io.claimflow.claim.workitem.WorkItems;
import io.claimflow.claim.workitem.WorkQueue;
import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A remittance in, the claim's money and state updated to the cent: paid, partially paid (denied lines) or denied;
 * a paid claim with nothing left to collect from the payer closes. The same payer's remittance (trace number and
 * claim status) posts once, whatever event carries it. Money posted to a claim that was already replaced or is
 * waiting for a recode is recorded without changing its state.
 */
@Service
public class PaymentPosting {

    private static final Logger log = LoggerFactory.getLogger(PaymentPosting.class);

    private final ClaimRepository claims;
    private final Payments payments;
    private final WorkItems workItems;
    private final CarcTable carcs;
    private final NextPayerClaims nextPayers;
    private final Clock clock;

    public PaymentPosting(
            ClaimRepository claims,
            Payments payments,
            WorkItems workItems,
            CarcTable carcs,
            NextPayerClaims nextPayers,
            Clock clock) {
        this.claims = claims;
        this.payments = payments;
        this.workItems = workItems;
        this.carcs = carcs;
        this.nextPayers = nextPayers;
        this.clock = clock;
    }

    /**
     * @return the claim's state afterwards, or null when the remittance was posted already
     * @throws IllegalArgumentException for an unknown claim, another encounter, or a remittance that does not balance
     */
    @Transactional
    public ClaimStatus onPaymentPosted(PaymentNotice notice) {
        Instant now = clock.instant();
        Claim claim = claims.findForUpdate(notice.claimId())
                .orElseThrow(() -> new IllegalArgumentException("PaymentPosted for unknown claim " + notice.claimId()));
        if (!claim.encounterId().equals(notice.encounterId())) {
            throw new IllegalArgumentException("PaymentPosted for claim " + notice.claimId() + " names encounter "
                    + notice.encounterId() + ", the claim bills " + claim.encounterId());
        }
        PaymentAssessment assessment = PaymentAssessment.of(notice, carcs);
        ClaimStatus status = claim.status();
        // the claim's first remittance (none posted when read, none held back since): its earlier payments need not
        // be read, and it cannot be posted already (issue 22)
        boolean first = claim.knownToHaveNoPayments() && !payments.holdsFor(claim.claimId());
        PostedBefore postedBefore = new PostedBefore(claim, first);
        boolean paidAgain = switch (notice.kind()) {
            case PROCESSED, DENIED -> coversPaidCharges(claim, notice, postedBefore);
            case REVERSAL -> status == ClaimStatus.CREDIT_BALANCE;
            default -> false;
        };
        // what the claim takes: a payment of charges paid already (or its recoupment) moves only cash, and the
        // cash owed back is recorded as a negative adjustment (the credit), so the posting still balances
        // a later payer's remittance for the same claim (crossover: the earlier payer forwarded it) works on what the
        // patient owed after the earlier payer: it restates the patient's share instead of adding a second one
        boolean laterPayer = !paidAgain
                && (notice.kind() == PaymentNotice.Kind.PROCESSED || notice.kind() == PaymentNotice.Kind.DENIED)
                && paidByAnotherPayer(notice, postedBefore);
        BigDecimal patientBefore = claim.patientResponsibility();
        // what the claim takes: a payment of charges paid already (or its recoupment) moves only cash, and the
        // cash owed back is recorded as a negative adjustment (the credit), so the posting still balances
        Payments.PostedPayment payment = paidAgain
                ? posted(
                        claim,
                        notice,
                        now,
                        Money.ZERO,
                        assessment.paid(),
                        Money.ZERO,
                        assessment.paid().negate(),
                        Money.ZERO,
                        Money.ZERO)
                : laterPayer
                        ? posted(
                                claim,
                                notice,
                                now,
                                notice.chargeAmount(),
                                assessment.paid(),
                                assessment.patientResponsibility().subtract(patientBefore),
                                patientBefore.subtract(assessment.paid()).subtract(assessment.patientResponsibility()),
                                assessment.denied(),
                                Money.ZERO)
                        : posted(
                                claim,
                                notice,
                                now,
                                notice.chargeAmount(),
                                assessment.paid(),
                                assessment.patientResponsibility(),
                                assessment.contractual(),
                                assessment.denied(),
                                assessment.priorPayer());
        boolean recorded;
        if (first) {
            payments.recordFirst(payment);
            recorded = true;
        } else {
            recorded = payments.record(payment);
        }
        if (recorded) {
            claim.paymentRecorded();
        } else {
            log.info(
                    "Remittance {} of payer {} for claim {} is posted already; nothing changed",
                    notice.traceNumber(),
                    notice.payerId(),
                    claim.claimId());
            return null;
        }
        if (!laterPayer) {
            // the claim's payer claim number is its own payer's (what a corrected or void claim names, REF*F8); a
            // later payer answering the same claim after a crossover has its own number, kept on its payment row
            claim.payerClaimNumber(notice.payerClaimNumber());
        }
        Actor payer = Actor.payer(notice.payerId());
        String summary = "remittance " + notice.traceNumber() + " of " + notice.paymentDate() + ": paid "
                + assessment.paid() + ", patient responsibility " + assessment.patientResponsibility()
                + ", contractual " + assessment.contractual() + ", denied " + assessment.denied();
        switch (notice.kind()) {
            case NOT_OUR_CLAIM, PREDETERMINATION -> notPaid(claim, notice, payer, summary, now);
            case REVERSAL -> reversal(claim, notice, assessment, payer, summary, now, postedBefore);
            case OTHER -> {
                claim.addPayment(assessment.paid(), assessment.patientResponsibility(), assessment.contractual());
                claim.note(
                        payer,
                        summary + " (claim status code " + notice.claimStatusCode() + "); state kept",
                        notice.eventId(),
                        now);
            }
            default -> {
                if (paidAgain) {
                    overpayment(claim, notice, assessment, payer, summary, now);
                } else if (laterPayer) {
                    claim.addLaterPayerPayment(assessment.paid(), assessment.patientResponsibility());
                    String restated = summary + "; the later payer restates the patient's share from "
                            + Money.of(patientBefore) + " to " + assessment.patientResponsibility();
                    if (status == ClaimStatus.CROSSED_OVER || status.canBecome(assessment.outcome())) {
                        claim.transitionTo(assessment.outcome(), payer, restated, notice.eventId(), now);
                    } else {
                        claim.note(payer, restated + "; state kept", notice.eventId(), now);
                    }
                } else {
                    claim.addPayment(assessment.paid(), assessment.patientResponsibility(), assessment.contractual());
                    if (status == ClaimStatus.PAID && assessment.outcome() != ClaimStatus.PAID) {
                        // the later part of a claim paid in parts denies lines: partly paid, on the denial work list
                        // (its ClaimDenied, on another topic, may have come first and found the claim PAID)
                        claim.transitionTo(ClaimStatus.PARTIALLY_PAID, payer, summary, notice.eventId(), now);
                        if (workItems.openForClaim(claim.claimId()).isEmpty()) {
                            List<AdjustmentCode> adjustments = new ArrayList<>(notice.claimAdjustments());
                            notice.lines().forEach(l -> adjustments.addAll(l.adjustments()));
                            String category = carcs.categorize(adjustments, List.of())
                                    .map(Enum::name)
                                    .orElse("OTHER");
                            workItems.add(
                                    claim.claimId(),
                                    WorkQueue.DENIAL,
                                    category,
                                    "lines denied in remittance " + notice.traceNumber() + " (" + assessment.denied()
                                            + ") of a claim paid in parts",
                                    notice.eventId(),
                                    now);
                            claim.workItemOpened();
                        }
                    } else if (!isOpenToPayment(status)) {
                        // money on a replaced, voided or written-off claim is recorded; the state stays
                        claim.note(payer, summary + "; state kept", notice.eventId(), now);
                    } else if (assessment.outcome() == status) {
                        claim.note(payer, summary, notice.eventId(), now);
                    } else {
                        claim.transitionTo(assessment.outcome(), payer, summary, notice.eventId(), now);
                    }
                }
            }
        }
        boolean processed = notice.kind() == PaymentNotice.Kind.PROCESSED || notice.kind() == PaymentNotice.Kind.DENIED;
        boolean leavesNextPayerSomething = processed
                && !paidAgain
                && notice.hasNextPayer()
                && assessment.patientResponsibility().signum() > 0;
        if (leavesNextPayerSomething && notice.forwarded()) {
            // crossover: the payer forwarded the claim itself; ClaimFlow bills nobody and waits for the next payer's
            // remittance for this same claim, on the follow-up list
            String reason = "paid by " + notice.payerId() + " and forwarded to " + notice.nextPayerId()
                    + " (crossover, claim status code " + notice.claimStatusCode() + "): awaiting its remittance for "
                    + Money.of(assessment.patientResponsibility()) + " the patient owed after " + notice.payerId();
            if (claim.status() == ClaimStatus.PAID) {
                claim.transitionTo(ClaimStatus.CROSSED_OVER, payer, reason, notice.eventId(), now);
            } else {
                claim.note(payer, reason, notice.eventId(), now);
            }
        }
        if (notice.kind() == PaymentNotice.Kind.REVERSAL) {
            nextPayers.priorPayerReversed(claim, notice, now);
        }
        if (claim.status() == ClaimStatus.PAID && claim.balance().signum() == 0) {
            claim.transitionTo(
                    ClaimStatus.CLOSED,
                    Actor.rule("close-settled-claims"),
                    "nothing left to collect from the payer",
                    notice.eventId(),
                    now);
            // none to resolve when the claim had none when read and none was opened since (issue 22); a reversal's
            // next-payer rule may open some for it, so it always looks
            if (notice.kind() == PaymentNotice.Kind.REVERSAL || !claim.knownToHaveNoOpenWork()) {
                workItems.resolveOpen(claim.claimId(), "close-settled-claims", now);
            }
        }
        if (leavesNextPayerSomething && !notice.forwarded()) {
            if (claim.current()) {
                // after closing: a work item it may add stays open on the closed claim
                nextPayers.bill(claim, notice, assessment, now);
            } else {
                // a replaced or voided claim's money is recorded, but the visit is billed by its replacement (or by
                // nobody, after a void): the replacement's remittance bills the next payer, this one would bill it
                // twice
                claim.note(
                        payer,
                        "not billed to next payer " + notice.nextPayerId() + ": the claim is " + claim.status()
                                + "; its replacement's remittance bills the next payer",
                        notice.eventId(),
                        now);
            }
        }
        OpenBalanceWork.trackPayerMoney(claim, workItems, notice.eventId(), now);
        claims.update(claim);
        log.debug(
                "Remittance {} posted to claim {} for encounter {}: {}",
                notice.traceNumber(),
                claim.claimId(),
                claim.encounterId(),
                claim.status());
        return claim.status();
    }

    /** The remittance as the claim takes it: its own figures, which are not always the remittance's. */
    private static Payments.PostedPayment posted(
            Claim claim,
            PaymentNotice notice,
            Instant now,
            BigDecimal charge,
            BigDecimal paid,
            BigDecimal patient,
            BigDecimal adjusted,
            BigDecimal denied,
            BigDecimal priorPayer) {
        return new Payments.PostedPayment(
                claim.claimId(),
                notice.eventId(),
                notice.payerId(),
                notice.traceNumber(),
                notice.claimStatusCode(),
                notice.payerClaimNumber(),
                notice.paymentDate(),
                charge,
                paid,
                patient,
                adjusted,
                denied,
                now,
                priorPayer);
    }

    private static boolean isOpenToPayment(ClaimStatus status) {
        return switch (status) {
            case SUBMITTED,
                    ACKNOWLEDGED,
                    PARTIALLY_PAID,
                    DENIED,
                    APPEALED,
                    REVERSED,
                    FORWARDED,
                    PREDETERMINED,
                    APPEAL_LOST,
                    CROSSED_OVER -> true;
            default -> false;
        };
    }

    /**
     * Whether the remittance pays charges the claim's earlier payments cover already (the same claim paid again under
     * another trace), as the gateway tells an overpayment: the charges of the payments posted so far (a reversal's
     * negative charge takes its payment's back; 23 and 25 pay nothing) and this one's exceed the claim's total
     * charge, whatever state the claim is in. A claim the payer pays in parts (its lines split over two 835s) is not
     * paid again.
     */
    private static boolean coversPaidCharges(Claim claim, PaymentNotice notice, PostedBefore postedBefore) {
        BigDecimal covered = Money.ZERO;
        boolean paidBefore = false;
        for (Payments.PostedPayment earlier : postedBefore.get()) {
            // another payer's remittance for the same claim is the next payer's answer (crossover), not a second
            // payment
            if (!"23".equals(earlier.claimStatusCode())
                    && !"25".equals(earlier.claimStatusCode())
                    && earlier.payerId().equals(notice.payerId())) {
                covered = covered.add(earlier.chargeAmount());
                paidBefore = true;
            }
        }
        return paidBefore && covered.add(notice.chargeAmount()).compareTo(claim.totalCharge()) > 0;
    }

    /**
     * Whether the remittance is a later payer's answer for a claim another payer adjudicated already (a crossover):
     * it says it processed the claim as secondary or tertiary, and another payer's remittance is posted on it.
     */
    private static boolean paidByAnotherPayer(PaymentNotice notice, PostedBefore postedBefore) {
        return notice.asLaterPayer()
                && postedBefore.get().stream()
                        .anyMatch(p -> !p.payerId().equals(notice.payerId())
                                && !"23".equals(p.claimStatusCode())
                                && !"25".equals(p.claimStatusCode()));
    }

    /**
     * The same claim paid again under another trace: only the cash counts (the patient's share and the contractual
     * adjustment were settled by the first payment), and what the payer paid beyond the charge is a credit balance,
     * with a work item to refund it or wait for the payer's recoupment.
     */
    private void overpayment(
            Claim claim, PaymentNotice notice, PaymentAssessment assessment, Actor payer, String summary, Instant now) {
        claim.addPayment(assessment.paid(), Money.ZERO, Money.ZERO);
        BigDecimal credit = claim.balance().negate();
        String reason = "paid again by remittance " + notice.traceNumber() + " (" + assessment.paid()
                + "): credit balance " + Money.of(credit) + " to refund, or for the payer to recoup";
        if (credit.signum() <= 0) {
            claim.note(payer, summary + "; nothing overpaid", notice.eventId(), now);
            return;
        }
        if (claim.status() == ClaimStatus.CREDIT_BALANCE || !claim.status().canBecome(ClaimStatus.CREDIT_BALANCE)) {
            // already a credit balance, or a claim in another line of work (sent back to coding, replaced): the
            // credit is noted and gets its own work item
            claim.note(payer, reason, notice.eventId(), now);
        } else {
            claim.transitionTo(ClaimStatus.CREDIT_BALANCE, payer, reason, notice.eventId(), now);
        }
        workItems.add(claim.claimId(), WorkQueue.CREDIT_BALANCE, "OVERPAYMENT", reason, notice.eventId(), now);
        claim.workItemOpened();
    }

    /**
     * A reversal (CLP02 22) nets the money it takes back. A claim it leaves owing nothing (the recoupment of an
     * overpayment) closes; a claim it leaves with its charge open again is REVERSED, awaiting the payer's repayment;
     * a replaced or voided claim keeps its state (its replacement carries the visit).
     */
    private void reversal(
            Claim claim,
            PaymentNotice notice,
            PaymentAssessment assessment,
            Actor payer,
            String summary,
            Instant now,
            PostedBefore postedBefore) {
        if (claim.status() == ClaimStatus.CREDIT_BALANCE) {
            // a recoupment takes back only the overpaid cash, whatever the reversal's other figures repeat
            claim.addPayment(assessment.paid(), Money.ZERO, Money.ZERO);
        } else if (answeredByALaterPayer(claim, notice, postedBefore)) {
            // the claim's payer reverses after the next payer answered on the same claim (crossover): that answer
            // stands, so the patient's share is the one it left; the payer's cash and adjustment are open with it
            // again, as the patient ledger shows them
            claim.addPayment(assessment.paid(), Money.ZERO, assessment.contractual());
        } else {
            claim.addPayment(assessment.paid(), assessment.patientResponsibility(), assessment.contractual());
        }
        String reason = "reversal " + notice.traceNumber() + ": " + summary;
        if (claim.status().isSuperseded() || !claim.status().canBecome(ClaimStatus.REVERSED)) {
            claim.note(payer, reason + "; state kept", notice.eventId(), now);
            return;
        }
        BigDecimal balance = claim.balance();
        if (claim.status() == ClaimStatus.CREDIT_BALANCE && balance.signum() == 0) {
            claim.transitionTo(
                    ClaimStatus.CLOSED, payer, reason + "; the overpayment is recouped", notice.eventId(), now);
            workItems.resolveOpen(claim.claimId(), "payer-recoupment", now);
        } else if (claim.status() == ClaimStatus.CREDIT_BALANCE && balance.signum() < 0) {
            claim.note(
                    payer, reason + "; credit balance " + Money.of(balance.negate()) + " left", notice.eventId(), now);
        } else {
            claim.transitionTo(
                    ClaimStatus.REVERSED, payer, reason + "; awaiting the payer's repayment", notice.eventId(), now);
            workItems.resolveOpen(claim.claimId(), "payer-reversal", now);
            workItems.add(
                    claim.claimId(),
                    WorkQueue.REVERSAL,
                    "REVERSAL",
                    "payer reversed its payment ("
                            + notice.traceNumber() + "); " + Money.of(balance)
                            + " open: chase the repayment, or replace, "
                            + "void or write off",
                    notice.eventId(),
                    now);
            claim.workItemOpened();
        }
    }

    /**
     * Whether the reversal is the claim's own payer's and another payer answered on the claim after a crossover (its
     * remittance restated the patient's share).
     */
    private static boolean answeredByALaterPayer(Claim claim, PaymentNotice notice, PostedBefore postedBefore) {
        return claim.coverage() != null
                && notice.payerId().equals(claim.coverage().payerId())
                && postedBefore.get().stream()
                        .anyMatch(p -> !p.payerId().equals(notice.payerId())
                                && !"22".equals(p.claimStatusCode())
                                && !"23".equals(p.claimStatusCode())
                                && !"25".equals(p.claimStatusCode()));
    }

    /**
     * "Not our claim, forwarded" (23) or a predetermination (25): no money is posted (a predetermination's amounts
     * are what the payer would pay) and the claim is not paid: it goes to its own state and work list.
     */
    private void notPaid(Claim claim, PaymentNotice notice, Actor payer, String summary, Instant now) {
        boolean forwarded = notice.kind() == PaymentNotice.Kind.NOT_OUR_CLAIM;
        ClaimStatus next = forwarded ? ClaimStatus.FORWARDED : ClaimStatus.PREDETERMINED;
        String reason = (forwarded
                        ? "payer says not its claim, forwarded to another payer"
                        : "payer answered with a predetermination, no payment")
                + " (remittance " + notice.traceNumber()
                + ", claim status code " + notice.claimStatusCode() + "): bill the claim for payment";
        if (!claim.status().canBecome(next)) {
            claim.note(payer, reason + "; state kept", notice.eventId(), now);
            return;
        }
        claim.transitionTo(next, payer, reason, notice.eventId(), now);
        workItems.add(claim.claimId(), WorkQueue.NOT_PAID, next.name(), reason, notice.eventId(), now);
        claim.workItemOpened();
    }

    /**
     * The claim's payments, read at most once per posting and only when a rule asks (issue 22: each rule read them
     * again). Read before this remittance is recorded, or after it for a reversal's rule, which looks only at other
     * payers' payments: the same either way.
     */
    private final class PostedBefore {

        private final Claim claim;
        private final boolean first;
        private List<Payments.PostedPayment> read;

        PostedBefore(Claim claim, boolean first) {
            this.claim = claim;
            this.first = first;
        }

        // none to read for the claim's first remittance (issue 22): before it is recorded there are none, and after
        // it only this payer's, which the reversal's rule does not look at
        List<Payments.PostedPayment> get() {
            if (read == null) {
                read = first ? List.of() : payments.forClaim(claim.claimId());
            }
            return read;
        }
    }
}
