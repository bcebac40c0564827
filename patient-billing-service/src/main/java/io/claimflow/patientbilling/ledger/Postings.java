package io.claimflow.patientbilling.ledger;

import io.claimflow.patientbilling.claim.KnownClaims;
import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Posts to the patient ledger what happens to a known claim: a payer's remittance or denial, a biller's decision on a
 * lost appeal, the claim's replacement or void. Each reads the claim's ledger, asks {@link PostingRules} and writes
 * the posting to the {@link Journal}. Answers and replacements post in the transaction of the handler that received them
 * (with its idempotency mark); a decision in its own.
 */
@Service
public class Postings {

    private static final Logger log = LoggerFactory.getLogger(Postings.class);

    private final KnownClaims claims;
    private final Journal journal;

    Postings(KnownClaims claims, Journal journal) {
        this.claims = claims;
        this.journal = journal;
    }

    /**
     * Posts a remittance on its claim, once per trace number and claim status (the natural key), in the caller's
     * transaction. The rules refuse (IllegalArgumentException) before anything is written, and a refusal leaves that
     * transaction usable: a parked answer refused when its claim registers must not undo the registration.
     *
     * @return false when the remittance cannot post yet and waits for an earlier payer's: a later payer's claim whose
     *     visit has no primary claim known here, or a secondary or tertiary remittance on a ledger no payer's
     *     remittance has posted on yet (it overtook the primary's); true when it posted, or posts nothing
     */
    @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = IllegalArgumentException.class)
    public boolean post(Remittance answer, KnownClaims.ClaimRef claim) {
        if (claim.awaitingPrimaryClaim()) {
            return false;
        }
        // a later payer's claim posts on the visit's ledger: it never charges the visit a second time
        Remittance remittance = claim.laterPayersClaim() ? answer.asLaterPayerOn(claim.ledgerClaimId()) : answer;
        // the claim's ledger, total charge and pending payer: read once for the answer (issue 22)
        Journal.ClaimState state = journal.claimState(remittance.tenantId(), remittance.claimId());
        ClaimLedger ledger = state.ledger();
        // the natural key; the unique index journal_entry_remittance_once backs it up
        if (ledger.hasRemittance(remittance.traceNumber(), remittance.statusCode())) {
            log.info(
                    "remittance {} status {} for claim {} already posted; event {} posts nothing",
                    remittance.traceNumber(),
                    remittance.statusCode(),
                    remittance.claimId(),
                    remittance.eventId());
            return true;
        }
        if (remittance.status() == Remittance.Status.SECONDARY
                && !ledger.superseded()
                && ledger.entries().stream().noneMatch(e -> e.kind() == EntryKind.REMITTANCE)) {
            log.info(
                    "remittance {} status {} for claim {} waits for an earlier payer's remittance on the visit",
                    remittance.traceNumber(),
                    remittance.statusCode(),
                    remittance.claimId());
            return false;
        }
        Optional<Posting> posting = PostingRules.remittance(remittance, ledger, state.totalCharge());
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
                // the ledger after this entry, without reading it back; the claim's row only when the payer changes
                String pendingWith = Money.isPositive(ledger.plus(entry, p).pendingWithOtherInsurance())
                        ? remittance.nextPayerName()
                        : null;
                if (!Objects.equals(pendingWith, state.pendingPayerName())) {
                    claims.pendingWith(remittance.tenantId(), remittance.claimId(), pendingWith);
                }
            }
            log.debug(
                    "posted remittance {} status {} for claim {} of encounter {} as journal entry {}",
                    remittance.traceNumber(),
                    remittance.statusCode(),
                    remittance.claimId(),
                    remittance.encounterId(),
                    entry);
        });
        return true;
    }

    /** Posts the patient's part of an adjudicated denial on its claim, in the caller's transaction (as a remittance). */
    @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = IllegalArgumentException.class)
    public void post(Denial denial, KnownClaims.ClaimRef claim) {
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
     * Posts a biller's decision on a lost appeal's open balance, once per claim.
     *
     * @return the posted amount, or empty when the decision was posted already
     * @throws java.util.NoSuchElementException for a claim this service does not know
     * @throws IllegalStateException when the ledger has another amount open with insurance than the decision moves
     */
    @Transactional
    public Optional<BigDecimal> decideBalance(
            String tenantId, String claimId, PostingRules.BalanceDecision decision, BigDecimal amount, LocalDate on) {
        KnownClaims.ClaimRef claim =
                claims.findAndLockAccount(tenantId, claimId).orElseThrow();
        Journal.ClaimState state = journal.claimState(tenantId, claimId);
        Optional<Posting> posting =
                PostingRules.balanceDecision(state.ledger(), state.totalCharge(), decision, amount, on);
        posting.ifPresent(p -> {
            long entry = journal.write(tenantId, claim.accountId(), p, Journal.Source.NONE);
            log.info("lost appeal of claim {}: {} posted as journal entry {}", claimId, decision, entry);
        });
        return posting.map(p -> amount);
    }

    /**
     * Charges a self-pay visit billed to the patient (the claim just registered from ClaimBilledToPatient): its whole
     * charge on the patient, once per claim, in the caller's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void chargeToPatient(String tenantId, String claimId, String eventId, LocalDate on) {
        KnownClaims.ClaimRef claim = claims.findAndLockAccount(tenantId, claimId)
                .orElseThrow(() -> new IllegalStateException("claim " + claimId + " was just registered"));
        Journal.ClaimState state = journal.claimState(tenantId, claimId);
        PostingRules.selfPayCharge(state.ledger(), state.totalCharge(), on)
                .ifPresentOrElse(
                        p -> {
                            long entry = journal.write(
                                    tenantId,
                                    claim.accountId(),
                                    p,
                                    new Journal.Source(UUID.fromString(eventId), null, null));
                            log.info(
                                    "self-pay claim {} of encounter {} charged to the patient as journal entry {}",
                                    claimId,
                                    claim.encounterId(),
                                    entry);
                        },
                        () -> log.info(
                                "claim {} is charged already or superseded; event {} posts nothing", claimId, eventId));
    }

    /**
     * Takes a replaced or voided claim's charges off the patient ledger, in the transaction that registers the claim
     * that supersedes it; nothing when the claim is not known here or nothing stands on it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void supersede(String tenantId, String claimId, String byClaimId, LocalDate on) {
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
}
