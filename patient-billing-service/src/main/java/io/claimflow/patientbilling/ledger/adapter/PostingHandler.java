package io.claimflow.patientbilling.ledger.adapter;

import io.claimflow.events.ClaimDenied;
import io.claimflow.events.PaymentPosted;
import io.claimflow.patientbilling.claim.ClaimRegistrationListener;
import io.claimflow.patientbilling.claim.KnownClaims;
import io.claimflow.patientbilling.ledger.ClaimLedger;
import io.claimflow.patientbilling.ledger.Denial;
import io.claimflow.patientbilling.ledger.Journal;
import io.claimflow.patientbilling.ledger.Posting;
import io.claimflow.patientbilling.ledger.PostingRules;
import io.claimflow.patientbilling.ledger.Remittance;
import io.claimflow.platform.money.Money;
import io.claimflow.platform.outbox.ProcessedEvents;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Posts payers' answers to the patient ledger, each in one transaction with its idempotency mark: the same event
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

    private final ProcessedEvents processedEvents;
    private final KnownClaims claims;
    private final Journal journal;
    private final ParkedAnswers parked;
    private final MeterRegistry meters;

    PostingHandler(
            ProcessedEvents processedEvents,
            KnownClaims claims,
            Journal journal,
            ParkedAnswers parked,
            MeterRegistry meters) {
        this.processedEvents = processedEvents;
        this.claims = claims;
        this.journal = journal;
        this.parked = parked;
        this.meters = meters;
        Gauge.builder("claimflow.billing.answers.awaiting.claim", parked, ParkedAnswers::waiting)
                .description("payers' answers waiting for their claim's ClaimSubmitted")
                .register(meters);
    }

    @Transactional
    public void onPaymentPosted(PaymentPosted event) {
        if (!processedEvents.markIfNew(PAYMENT_POSTED_CONSUMER, event.getEventId())) {
            log.info("payment for claim {} (event {}) already handled", event.getClaimId(), event.getEventId());
            return;
        }
        Remittance remittance = EventMapping.remittance(event);
        Optional<KnownClaims.ClaimRef> known =
                findOrPark(remittance.tenantId(), remittance.claimId(), remittance.eventId(), event);
        if (known.isPresent()) {
            post(remittance, known.get());
        }
    }

    private void post(Remittance answer, KnownClaims.ClaimRef claim) {
        // a later payer's claim posts on the visit's ledger: it never charges the visit a second time
        Remittance remittance = claim.laterPayersClaim() ? answer.asLaterPayerOn(claim.ledgerClaimId()) : answer;
        ClaimLedger ledger = journal.claimLedger(remittance.tenantId(), remittance.claimId());
        // the natural key; the unique index journal_entry_remittance_once backs it up
        if (ledger.hasRemittance(remittance.traceNumber(), remittance.statusCode())) {
            log.info(
                    "remittance {} status {} for claim {} already posted; event {} posts nothing",
                    remittance.traceNumber(),
                    remittance.statusCode(),
                    remittance.claimId(),
                    remittance.eventId());
            return;
        }
        Optional<Posting> posting = PostingRules.remittance(
                remittance, ledger, claims.totalCharge(remittance.tenantId(), remittance.claimId()));
        posting.ifPresent(p -> {
            long entry = journal.write(
                    remittance.tenantId(),
                    claim.accountId(),
                    p,
                    new Journal.Source(
                            UUID.fromString(remittance.eventId()),
                            remittance.traceNumber(),
                            remittance.statusCode(),
                            remittance.payerName()));
            if (remittance.status() != Remittance.Status.REVERSAL) {
                claims.pendingWith(
                        remittance.tenantId(),
                        remittance.claimId(),
                        Money.isPositive(journal.claimLedger(remittance.tenantId(), remittance.claimId())
                                        .pendingWithOtherInsurance())
                                ? remittance.nextPayerName()
                                : null);
            }
            log.info(
                    "posted remittance {} status {} for claim {} of encounter {} as journal entry {}",
                    remittance.traceNumber(),
                    remittance.statusCode(),
                    remittance.claimId(),
                    remittance.encounterId(),
                    entry);
        });
    }

    @Transactional
    public void onClaimDenied(ClaimDenied event) {
        if (!processedEvents.markIfNew(CLAIM_DENIED_CONSUMER, event.getEventId())) {
            return;
        }
        Denial denial = EventMapping.denial(event);
        if (!denial.adjudicated()) {
            return; // a front-end rejection never makes the patient responsible
        }
        Optional<KnownClaims.ClaimRef> known = findOrPark(denial.tenantId(), denial.claimId(), denial.eventId(), event);
        if (known.isPresent()) {
            post(denial, known.get());
        }
    }

    private void post(Denial denial, KnownClaims.ClaimRef claim) {
        if (claim.laterPayersClaim()) {
            // a later payer's denial: the visit's patient share stays pending with it while claim-service works it
            log.info("denial of later payer's claim {} posts nothing on the visit's ledger", denial.claimId());
            return;
        }
        ClaimLedger ledger = journal.claimLedger(denial.tenantId(), denial.claimId());
        PostingRules.denial(denial, ledger).ifPresent(p -> {
            long entry = journal.write(
                    denial.tenantId(),
                    claim.accountId(),
                    p,
                    new Journal.Source(UUID.fromString(denial.eventId()), denial.traceNumber(), null));
            log.info(
                    "posted patient responsibility of denied claim {} of encounter {} as journal entry {}",
                    denial.claimId(),
                    denial.encounterId(),
                    entry);
        });
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
        for (ParkedAnswers.Parked answer : waiting) {
            String kind = answer.event() instanceof PaymentPosted ? "payment-posted" : "claim-denied";
            try {
                // the rules refuse before anything is written, so a refusal leaves this transaction usable
                if (answer.event() instanceof PaymentPosted payment) {
                    post(EventMapping.remittance(payment), claim);
                } else if (answer.event() instanceof ClaimDenied denied) {
                    Denial denial = EventMapping.denial(denied);
                    if (denial.adjudicated()) {
                        post(denial, claim);
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
        log.info("handled {} answer(s) that waited for claim {}", waiting.size(), claimId);
    }

    /**
     * Posts a biller's decision on a lost appeal's open balance, once per claim.
     *
     * @return the posted amount, or empty when the decision was posted already
     * @throws java.util.NoSuchElementException for a claim this service does not know
     * @throws IllegalStateException when the ledger has another amount open with insurance than the decision moves
     */
    @Transactional
    public Optional<java.math.BigDecimal> decideBalance(
            String tenantId,
            String claimId,
            PostingRules.BalanceDecision decision,
            java.math.BigDecimal amount,
            java.time.LocalDate on) {
        KnownClaims.ClaimRef claim =
                claims.findAndLockAccount(tenantId, claimId).orElseThrow();
        ClaimLedger ledger = journal.claimLedger(tenantId, claimId);
        Optional<Posting> posting =
                PostingRules.balanceDecision(ledger, claims.totalCharge(tenantId, claimId), decision, amount, on);
        posting.ifPresent(p -> {
            long entry = journal.write(tenantId, claim.accountId(), p, Journal.Source.NONE);
            log.info("lost appeal of claim {}: {} posted as journal entry {}", claimId, decision, entry);
        });
        return posting.map(p -> amount);
    }

    /**
     * Takes a replaced or voided claim's charges off the patient ledger, in the transaction that registers the claim
     * that supersedes it; nothing when the claim is not known here or nothing stands on it.
     */
    @Override
    public void claimSuperseded(String tenantId, String claimId, String byClaimId, java.time.LocalDate on) {
        claims.findAndLockAccount(tenantId, claimId).ifPresent(claim -> {
            ClaimLedger ledger = journal.claimLedger(tenantId, claimId);
            PostingRules.voidClaim(ledger, byClaimId, on).ifPresent(p -> {
                long entry = journal.write(tenantId, claim.accountId(), p, Journal.Source.NONE);
                log.info(
                        "claim {} superseded by claim {}: its charges taken off as journal entry {}",
                        claimId,
                        byClaimId,
                        entry);
            });
        });
    }

    /**
     * The claim with its account locked, or empty after parking the answer until its ClaimSubmitted arrives. The
     * claim-key lock makes the miss and the park one step against a registration running at the same time.
     */
    private Optional<KnownClaims.ClaimRef> findOrPark(
            String tenantId, String claimId, String eventId, org.apache.avro.specific.SpecificRecord event) {
        Optional<KnownClaims.ClaimRef> claim = claims.findAndLockAccount(tenantId, claimId);
        if (claim.isPresent()) {
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
