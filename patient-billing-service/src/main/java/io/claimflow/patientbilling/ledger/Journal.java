package io.claimflow.patientbilling.ledger;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** The patient ledger's journal: postings written one account at a time, a claim's ledger read back. Append-only. */
public interface Journal {

    /** Where a posting came from, for its natural key and audit; {@code payerName} the remitting payer, if any. */
    record Source(UUID eventId, String traceNumber, String claimStatus, String payerName) {

        public static final Source NONE = new Source(null, null, null, null);

        public Source(UUID eventId, String traceNumber, String claimStatus) {
            this(eventId, traceNumber, claimStatus, null);
        }
    }

    /**
     * A claim's ledger with what the posting rules need of the claim itself, read at once.
     *
     * @param totalCharge the claim's total charge as submitted; null when the claim is not known
     * @param pendingPayerName the payer the claim's patient share is pending with, null when none
     */
    record ClaimState(ClaimLedger ledger, BigDecimal totalCharge, String pendingPayerName) {}

    /** Locks the patient account for the rest of the transaction, so postings to it happen one at a time. */
    void lockAccount(long accountId);

    /** Writes a posting to the account; returns the journal entry id. */
    long write(String tenantId, long accountId, Posting posting, Source source);

    /** The lines of one journal entry, in order. */
    List<JournalLine> entryLines(long entryId);

    /** Everything posted on one claim, its total charge and the payer its patient share is pending with: one read. */
    ClaimState claimState(String tenantId, String claimId);

    /** Everything posted on one claim. */
    default ClaimLedger claimLedger(String tenantId, String claimId) {
        return claimState(tenantId, claimId).ledger();
    }
}
