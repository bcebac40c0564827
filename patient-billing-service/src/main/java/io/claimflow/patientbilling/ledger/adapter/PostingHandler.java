package io.claimflow.patientbilling.ledger.adapter;

import io.claimflow.events.ClaimDenied;
import io.claimflow.events.PaymentPosted;
import io.claimflow.patientbilling.claim.ClaimRegistrationListener;
import io.claimflow.patientbilling.claim.KnownClaims;
import io.claimflow.patientbilling.ledger.Denial;
import io.claimflow.patientbilling.ledger.Postings;
import io.claimflow.patientbilling.ledger.Remittance;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The listeners' transactional handler for payers' answers: the idempotency mark, the Avro event mapped to the
 * ledger's records, and {@link Postings} to post them, each in one transaction with its idempotency mark: the same event
 * twice (same eventId) or the same remittance under another eventId (same claim, trace number and claim status)
 * posts once. An answer for a claim whose ClaimSubmitted has not arrived yet (it can overtake it: another topic,
 * another partition, a consumer that restarted) is parked in {@code awaiting_claim} and posted in the transaction
 * that registers the claim, so it never needs a dead-letter replay.
 */
@Component
public class PostingHandler implements ClaimRegistrationListener {

    static final String PAYMENT_POSTED_CONSUMER = "patient-billing-service.payment-posted";
    static final String CLAIM_DENIED_CONSUMER = "patient-billing-service.claim-denied";
    private static final Logger log = LoggerFactory.getLogger(PostingHandler.class);

    private final KnownClaims claims;
    private final Postings postings;
    private final ParkedAnswers parked;
    private final MeterRegistry meters;
    private final JdbcJournal journal;

    PostingHandler(
            KnownClaims claims, Postings postings, ParkedAnswers parked, MeterRegistry meters, JdbcJournal journal) {
        this.claims = claims;
        this.journal = journal;
        this.postings = postings;
        this.parked = parked;
        this.meters = meters;
        Gauge.builder("claimflow.billing.answers.awaiting.claim", parked, ParkedAnswers::waiting)
                .description("payers' answers waiting for their claim's ClaimSubmitted")
                .register(meters);
    }

    // a first delivery: its listener marked the event processed as PAYMENT_POSTED_CONSUMER, for the whole batch in
    // this transaction (TransactionalBatches.handleOnce), and skips an event marked before
    @Transactional
    public void onPaymentPosted(PaymentPosted event) {
        Remittance remittance = EventMapping.remittance(event);
        Optional<KnownClaims.ClaimRef> known =
                findOrPark(remittance.tenantId(), remittance.claimId(), remittance.eventId(), event);
        if (known.isPresent()) {
            post(remittance, known.get(), event);
        }
    }

    /**
     * Posts the remittance of a known claim (its account locked), or parks it while it waits for an earlier payer's
     * (a later payer's answer that overtook the primary's claim or remittance); an answer that makes the visit's
     * ledger ready for later payers' waiting answers posts those too.
     */
    private void post(Remittance remittance, KnownClaims.ClaimRef claim, PaymentPosted event) {
        if (!postings.post(remittance, claim)) {
            // read again under the account lock: a registration or primary remittance that committed while this
            // waited for the lock has made it postable, and will not look for it again
            KnownClaims.ClaimRef fresh = claims.findAndLockAccountAgain(remittance.tenantId(), remittance.claimId())
                    .orElse(claim);
            if (!postings.post(remittance, fresh)) {
                if (parked.park(remittance.tenantId(), remittance.claimId(), remittance.eventId(), event)) {
                    meters.counter("claimflow.billing.answers.parked", "event", "payment-posted")
                            .increment();
                    log.info(
                            "event {} of claim {} waits for an earlier payer's answer on the visit",
                            remittance.eventId(),
                            remittance.claimId());
                }
                return;
            }
        }
        if (!claim.laterPayersClaim() && remittance.hasNextPayer()) {
            releaseLaterPayers(remittance.tenantId(), claim.claimId());
        }
    }

    // a first delivery: its listener marked the event processed as CLAIM_DENIED_CONSUMER (as onPaymentPosted)
    @Transactional
    public void onClaimDenied(ClaimDenied event) {
        Denial denial = EventMapping.denial(event);
        if (!denial.movesMoney()) {
            // a front-end rejection never makes the patient responsible; lines denied in a paid claim's 835 are
            // posted with its payment
            return;
        }
        Optional<KnownClaims.ClaimRef> known = findOrPark(denial.tenantId(), denial.claimId(), denial.eventId(), event);
        if (known.isPresent()) {
            postings.post(denial, known.get());
        }
    }

    /**
     * Posts what waited for this claim, in arrival order; called in the transaction that registers it. Each answer
     * was marked processed when it was parked, so it is not marked again.
     */
    @Override
    public void claimRegistered(String tenantId, String claimId) {
        List<ParkedAnswers.Parked> waiting = parked.waitingFor(tenantId, claimId);
        if (waiting.isEmpty()) {
            return;
        }
        KnownClaims.ClaimRef claim = claims.findAndLockAccount(tenantId, claimId)
                .orElseThrow(() -> new IllegalStateException("claim " + claimId + " was just registered"));
        release(claim, waiting);
        if (!claim.laterPayersClaim()) {
            releaseLaterPayers(tenantId, claimId);
        }
        log.info("handled {} answer(s) that waited for claim {}", waiting.size(), claimId);
    }

    /** Posts the waiting answers of later payers' claims on this visit's ledger that can post now. */
    private void releaseLaterPayers(String tenantId, String ledgerClaimId) {
        java.util.Map<String, List<ParkedAnswers.Parked>> byClaim = new java.util.LinkedHashMap<>();
        parked.waitingOnLedger(tenantId, ledgerClaimId)
                .forEach(p -> byClaim.computeIfAbsent(p.claimId(), c -> new java.util.ArrayList<>())
                        .add(p));
        byClaim.forEach((claimId, waiting) ->
                claims.findAndLockAccount(tenantId, claimId).ifPresent(claim -> release(claim, waiting)));
    }

    /**
     * Posts what waited for the claim, in arrival order; an answer that still waits for an earlier payer's stays.
     * Each answer was marked processed when it was parked, so it is not marked again.
     */
    private void release(KnownClaims.ClaimRef claim, List<ParkedAnswers.Parked> waiting) {
        String claimId = claim.claimId();
        for (ParkedAnswers.Parked answer : waiting) {
            String kind = answer.event() instanceof PaymentPosted ? "payment-posted" : "claim-denied";
            try {
                // the rules refuse before anything is written, so a refusal leaves this transaction usable
                if (answer.event() instanceof PaymentPosted payment) {
                    if (!postings.post(EventMapping.remittance(payment), claim)) {
                        continue; // still waits for an earlier payer's answer
                    }
                } else if (answer.event() instanceof ClaimDenied denied) {
                    Denial denial = EventMapping.denial(denied);
                    if (denial.movesMoney()) {
                        postings.post(denial, claim);
                    }
                }
                parked.remove(answer.id());
                meters.counter("claimflow.billing.answers.released", "event", kind)
                        .increment();
            } catch (IllegalArgumentException e) {
                // a bad answer must not fail the claim's registration; it stays, with its reason, for review
                parked.refuse(answer.id(), e.getMessage());
                meters.counter("claimflow.billing.answers.refused", "event", kind)
                        .increment();
                log.warn("answer {} that waited for claim {} was refused: {}", answer.id(), claimId, e.getMessage());
            }
        }
    }

    /** Takes a replaced or voided claim's charges off the patient ledger (in the registering transaction). */
    @Override
    public void claimSuperseded(String tenantId, String claimId, String byClaimId, LocalDate on) {
        postings.supersede(tenantId, claimId, byClaimId, on);
    }

    /** Charges a self-pay visit billed to the patient (in the registering transaction). */
    @Override
    public void claimBilledToPatient(String tenantId, String claimId, String eventId, LocalDate on) {
        postings.chargeToPatient(tenantId, claimId, eventId, on);
    }

    /**
     * The claim with its account locked, or empty after parking the answer until its ClaimSubmitted arrives. The
     * claim-key lock makes the miss and the park one step against a registration running at the same time.
     */
    private Optional<KnownClaims.ClaimRef> findOrPark(
            String tenantId, String claimId, String eventId, SpecificRecord event) {
        Optional<KnownClaims.ClaimRef> claim = claims.findAndLockAccount(tenantId, claimId);
        if (claim.isPresent()) {
            // the poll's ledgers, read once its accounts are locked (issue 22: a statement per answer)
            journal.readAhead(claims.pollLedgers());
            return claim;
        }
        claims.lockClaimKey(tenantId, claimId);
        claim = claims.findAndLockAccount(tenantId, claimId);
        if (claim.isPresent()) {
            return claim;
        }
        if (parked.park(tenantId, claimId, eventId, event)) {
            meters.counter(
                            "claimflow.billing.answers.parked",
                            "event",
                            event instanceof PaymentPosted ? "payment-posted" : "claim-denied")
                    .increment();
            log.info("claim {} is not known yet (no ClaimSubmitted seen); event {} waits for it", claimId, eventId);
        }
        return Optional.empty();
    }
}
