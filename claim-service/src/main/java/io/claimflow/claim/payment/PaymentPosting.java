package io.claimflow.claim.payment;

import io.claimflow.claim.denial.CarcTable;
import io.claimflow.claim.model.Actor;
import io.claimflow.claim.model.Claim;
import io.claimflow.claim.model.ClaimRepository;
import io.claimflow.claim.model.ClaimStatus;
import io.claimflow.claim.work.WorkItems;
import java.time.Clock;
import java.time.Instant;
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
    private final Clock clock;

    public PaymentPosting(ClaimRepository claims, Payments payments, WorkItems workItems, CarcTable carcs,
            Clock clock) {
        this.claims = claims;
        this.payments = payments;
        this.workItems = workItems;
        this.carcs = carcs;
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
        boolean recorded = payments.record(new Payments.PostedPayment(claim.claimId(), notice.eventId(),
                notice.payerId(), notice.traceNumber(), notice.claimStatusCode(), notice.payerClaimNumber(),
                notice.paymentDate(), notice.chargeAmount(), assessment.paid(), assessment.patientResponsibility(),
                assessment.contractual(), assessment.denied(), now));
        if (!recorded) {
            log.info("Remittance {} of payer {} for claim {} is posted already; nothing changed",
                    notice.traceNumber(), notice.payerId(), claim.claimId());
            return null;
        }
        claim.payerClaimNumber(notice.payerClaimNumber());
        claim.addPayment(assessment.paid(), assessment.patientResponsibility(), assessment.contractual());
        Actor payer = Actor.payer(notice.payerId());
        String summary = "remittance " + notice.traceNumber() + " of " + notice.paymentDate() + ": paid "
                + assessment.paid() + ", patient responsibility " + assessment.patientResponsibility()
                + ", contractual " + assessment.contractual() + ", denied " + assessment.denied();
        ClaimStatus status = claim.status();
        if (notice.kind() == PaymentNotice.Kind.REVERSAL || notice.kind() == PaymentNotice.Kind.OTHER
                || !isOpenToPayment(status)) {
            // a reversal, a predetermination or a forwarded claim records money but decides nothing by itself
            claim.note(payer, summary + " (claim status code " + notice.claimStatusCode() + "); state kept",
                    notice.eventId(), now);
        } else if (assessment.outcome() == status) {
            claim.note(payer, summary, notice.eventId(), now);
        } else {
            claim.transitionTo(assessment.outcome(), payer, summary, notice.eventId(), now);
        }
        if (claim.status() == ClaimStatus.PAID && claim.balance().signum() == 0) {
            claim.transitionTo(ClaimStatus.CLOSED, Actor.rule("close-settled-claims"),
                    "nothing left to collect from the payer", notice.eventId(), now);
            workItems.resolveOpen(claim.claimId(), "close-settled-claims", now);
        }
        claims.update(claim);
        log.info("Remittance {} posted to claim {} for encounter {}: {}", notice.traceNumber(), claim.claimId(),
                claim.encounterId(), claim.status());
        return claim.status();
    }

    private static boolean isOpenToPayment(ClaimStatus status) {
        return switch (status) {
            case SUBMITTED, ACKNOWLEDGED, PARTIALLY_PAID, DENIED, APPEALED -> true;
            default -> false;
        };
    }
}
