package io.claimflow.patientbilling.ledger;

import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of a journal entry: a debit (positive) or credit (negative) to a ledger account, on a claim or not. Only
 * patient receivable lines on a claim carry a responsibility kind, and then they must.
 */
public record JournalLine(LedgerAccount account, String claimId, ResponsibilityKind kind, BigDecimal amount) {

    public JournalLine {
        Objects.requireNonNull(account, "account");
        amount = Money.of(amount);
        if (Money.isZero(amount)) {
            throw new IllegalArgumentException("a journal line of zero posts nothing");
        }
        if (kind != null && (account != LedgerAccount.PATIENT_RECEIVABLE || claimId == null)) {
            throw new IllegalArgumentException("only patient receivable lines on a claim have a responsibility kind");
        }
    }

    public static JournalLine of(LedgerAccount account, String claimId, BigDecimal amount) {
        return new JournalLine(account, claimId, null, amount);
    }

    /** The same line with the opposite sign. */
    public JournalLine opposite() {
        return new JournalLine(account, claimId, kind, amount.negate());
    }
}
