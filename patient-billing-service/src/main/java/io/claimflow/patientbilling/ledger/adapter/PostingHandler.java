package io.claimflow.patientbilling.ledger.adapter;

import io.claimflow.events.ClaimDenied;
import io.claimflow.events.PaymentPosted;
import io.claimflow.patientbilling.claim.adapter.ClaimRegistry;
import io.claimflow.patientbilling.ledger.ClaimLedger;
import io.claimflow.patientbilling.ledger.Denial;
import io.claimflow.patientbilling.ledger.Posting;
import io.claimflow.patientbilling.ledger.PostingRules;
import io.claimflow.patientbilling.ledger.Remittance;
import io.claimflow.platform.outbox.ProcessedEvents;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Posts payers' answers to the patient ledger, each in one transaction with its idempotency mark: the same event
 * twice (same eventId) or the same remittance under another eventId (same claim, trace number and claim status)
 * posts once.
 */
@Component
public class PostingHandler {

    static final String PAYMENT_POSTED_CONSUMER = "patient-billing-service.payment-posted";
    static final String CLAIM_DENIED_CONSUMER = "patient-billing-service.claim-denied";
    private static final Logger log = LoggerFactory.getLogger(PostingHandler.class);

    private final ProcessedEvents processedEvents;
    private final ClaimRegistry claims;
    private final JdbcJournal journal;

    PostingHandler(ProcessedEvents processedEvents, ClaimRegistry claims, JdbcJournal journal) {
        this.processedEvents = processedEvents;
        this.claims = claims;
        this.journal = journal;
    }

    @Transactional
    public void onPaymentPosted(PaymentPosted event) {
        if (!processedEvents.markIfNew(PAYMENT_POSTED_CONSUMER, event.getEventId())) {
            log.info("payment for claim {} (event {}) already handled", event.getClaimId(), event.getEventId());
            return;
        }
        Remittance remittance = EventMapping.remittance(event);
        ClaimRegistry.ClaimRef claim = claims.findAndLockAccount(remittance.tenantId(), remittance.claimId())
                .orElseThrow(() -> new UnknownClaimException(remittance.tenantId(), remittance.claimId()));
        ClaimLedger ledger = journal.claimLedger(remittance.tenantId(), remittance.claimId());
        // the natural key; the unique index journal_entry_remittance_once backs it up
        if (ledger.hasRemittance(remittance.traceNumber(), remittance.statusCode())) {
            log.info("remittance {} status {} for claim {} already posted; event {} posts nothing",
                    remittance.traceNumber(), remittance.statusCode(), remittance.claimId(), event.getEventId());
            return;
        }
        Optional<Posting> posting = PostingRules.remittance(remittance, ledger);
        posting.ifPresent(p -> {
            long entry = journal.write(remittance.tenantId(), claim.accountId(), p, new JdbcJournal.Source(
                    UUID.fromString(remittance.eventId()), remittance.traceNumber(), remittance.statusCode()));
            log.info("posted remittance {} status {} for claim {} of encounter {} as journal entry {}",
                    remittance.traceNumber(), remittance.statusCode(), remittance.claimId(),
                    remittance.encounterId(), entry);
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
        ClaimRegistry.ClaimRef claim = claims.findAndLockAccount(denial.tenantId(), denial.claimId())
                .orElseThrow(() -> new UnknownClaimException(denial.tenantId(), denial.claimId()));
        ClaimLedger ledger = journal.claimLedger(denial.tenantId(), denial.claimId());
        PostingRules.denial(denial, ledger).ifPresent(p -> {
            long entry = journal.write(denial.tenantId(), claim.accountId(), p,
                    new JdbcJournal.Source(UUID.fromString(denial.eventId()), denial.traceNumber(), null));
            log.info("posted patient responsibility of denied claim {} of encounter {} as journal entry {}",
                    denial.claimId(), denial.encounterId(), entry);
        });
    }
}
