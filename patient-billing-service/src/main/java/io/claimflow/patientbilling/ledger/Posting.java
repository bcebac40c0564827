package io.claimflow.patientbilling.ledger;

import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A journal entry to be written: lines that sum to zero (checked here and again by the database at commit), and the
 * earlier entries it reverses or supersedes.
 */
public record Posting(
        EntryKind kind,
        String claimId,
        LocalDate effectiveDate,
        String description,
        List<JournalLine> lines,
        List<Long> reverses) {

    public Posting {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(effectiveDate, "effectiveDate");
        Objects.requireNonNull(description, "description");
        lines = List.copyOf(lines);
        reverses = List.copyOf(reverses);
        if (lines.size() < 2) {
            throw new IllegalArgumentException("a journal entry needs at least two lines, has " + lines.size());
        }
        BigDecimal total = Money.sum(lines.stream().map(JournalLine::amount).toList());
        if (!Money.isZero(total)) {
            throw new IllegalArgumentException("journal entry does not balance: lines sum to " + total.toPlainString());
        }
    }

    /** The change this entry makes to what the patient owes (receivable and credit lines). */
    public BigDecimal patientBalanceChange() {
        return Money.sum(lines.stream()
                .filter(l -> l.account().isPatientBalance())
                .map(JournalLine::amount)
                .toList());
    }

    /** Sum of the lines on {@code account}. */
    public BigDecimal total(LedgerAccount account) {
        return Money.sum(lines.stream()
                .filter(l -> l.account() == account)
                .map(JournalLine::amount)
                .toList());
    }
}
