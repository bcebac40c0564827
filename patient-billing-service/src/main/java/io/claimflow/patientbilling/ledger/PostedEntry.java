package io.claimflow.patientbilling.ledger;

import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A journal entry already in the ledger, as the posting rules see it, with the entries that reversed or superseded
 * it (whether those still stand is for {@link ClaimLedger} to say).
 */
public record PostedEntry(
        long id,
        EntryKind kind,
        String traceNumber,
        String claimStatus,
        LocalDate effectiveDate,
        List<Long> reversedBy,
        List<JournalLine> lines) {

    public PostedEntry {
        reversedBy = List.copyOf(reversedBy);
        lines = List.copyOf(lines);
    }

    public BigDecimal total(LedgerAccount account) {
        return Money.sum(lines.stream()
                .filter(l -> l.account() == account)
                .map(JournalLine::amount)
                .toList());
    }
}
