package io.claimflow.patientbilling.account;

import io.claimflow.patientbilling.ledger.EntryKind;
import io.claimflow.patientbilling.ledger.JournalLine;
import io.claimflow.patientbilling.ledger.LedgerAccount;
import io.claimflow.patientbilling.ledger.Posting;
import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The small-balance write-off policy: an account that owes more than nothing but less than the threshold is not
 * billed; its balance is written off to {@code PATIENT_ADJUSTMENT}, every open claim and any credit on it closing at
 * zero.
 */
public final class SmallBalanceWriteOff {

    private SmallBalanceWriteOff() {}

    /**
     * The write-off entry, or empty when the account owes nothing, or at least {@code threshold} (a threshold of zero
     * turns the policy off).
     *
     * @param openItems the account's open claims and its credit (as an item with a negative balance)
     */
    public static Optional<Posting> writeOff(
            List<OpenClaim> openItems, BigDecimal unappliedCredit, BigDecimal threshold, LocalDate on) {
        BigDecimal credit = Money.of(unappliedCredit);
        BigDecimal balance =
                Money.sum(openItems.stream().map(OpenClaim::balance).toList()).add(credit);
        if (balance.signum() <= 0 || balance.compareTo(Money.of(threshold)) >= 0) {
            return Optional.empty();
        }
        List<JournalLine> lines = new ArrayList<>();
        for (OpenClaim claim : openItems) {
            if (claim.balance().signum() != 0) {
                lines.add(JournalLine.of(
                        LedgerAccount.PATIENT_RECEIVABLE,
                        claim.claimId(),
                        claim.balance().negate()));
            }
        }
        if (credit.signum() != 0) {
            lines.add(JournalLine.of(LedgerAccount.PATIENT_CREDIT, null, credit.negate()));
        }
        lines.add(JournalLine.of(LedgerAccount.PATIENT_ADJUSTMENT, null, balance));
        return Optional.of(new Posting(EntryKind.WRITE_OFF, null, on, "small balance written off", lines, List.of()));
    }
}
