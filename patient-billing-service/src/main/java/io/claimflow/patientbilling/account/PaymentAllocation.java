package io.claimflow.patientbilling.account;

import io.claimflow.patientbilling.ledger.EntryKind;
import io.claimflow.patientbilling.ledger.JournalLine;
import io.claimflow.patientbilling.ledger.LedgerAccount;
import io.claimflow.patientbilling.ledger.Posting;
import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Applies a patient payment: to the chosen claim first when there is one, then to the oldest balances first (the
 * date the patient became responsible, then claim id); what is left becomes patient credit.
 */
public final class PaymentAllocation {

    private PaymentAllocation() {}

    /**
     * The journal entry for a patient payment of {@code amount}.
     *
     * @param preferredClaimId the claim the patient asked to pay, or null
     * @throws IllegalArgumentException when the amount is not positive
     */
    public static Posting allocate(
            BigDecimal amount,
            List<OpenClaim> openClaims,
            String preferredClaimId,
            LocalDate receivedOn,
            String description) {
        BigDecimal left = Money.of(amount);
        if (left.signum() <= 0) {
            throw new IllegalArgumentException("a patient payment must be positive");
        }
        List<OpenClaim> order = new ArrayList<>(openClaims.stream()
                .filter(c -> c.balance().signum() > 0)
                .sorted(Comparator.comparing(OpenClaim::responsibleSince).thenComparing(OpenClaim::claimId))
                .toList());
        if (preferredClaimId != null) {
            order.sort(
                    Comparator.comparing(c -> !c.claimId().equals(preferredClaimId))); // stable: rest stay oldest first
        }
        List<JournalLine> lines = new ArrayList<>();
        lines.add(JournalLine.of(LedgerAccount.PATIENT_CASH, null, left));
        for (OpenClaim claim : order) {
            if (left.signum() == 0) {
                break;
            }
            BigDecimal applied = Money.min(left, claim.balance());
            lines.add(JournalLine.of(LedgerAccount.PATIENT_RECEIVABLE, claim.claimId(), applied.negate()));
            left = left.subtract(applied);
        }
        if (left.signum() > 0) {
            lines.add(JournalLine.of(LedgerAccount.PATIENT_CREDIT, null, left.negate()));
        }
        return new Posting(EntryKind.PATIENT_PAYMENT, null, receivedOn, description, lines, List.of());
    }

    /**
     * The entry that undoes a patient payment: each of its lines the other way round, so what it paid on a claim is
     * owed again and the credit it left is taken back.
     */
    public static Posting reversal(
            long paymentEntryId, List<JournalLine> paymentLines, LocalDate on, String description) {
        return new Posting(
                EntryKind.PATIENT_PAYMENT_REVERSAL,
                null,
                on,
                description,
                paymentLines.stream().map(JournalLine::opposite).toList(),
                List.of(paymentEntryId));
    }

    /**
     * The entry that pays patient credit back: the credit is used up (debit), the money leaves (credit).
     *
     * @param credit the account's credit as the ledger holds it (zero or negative)
     * @throws IllegalArgumentException when the amount is not positive
     * @throws IllegalStateException when the amount is more than the credit
     */
    public static Posting refund(BigDecimal amount, BigDecimal credit, LocalDate on, String description) {
        BigDecimal refund = Money.of(amount);
        if (refund.signum() <= 0) {
            throw new IllegalArgumentException("a refund must be positive");
        }
        if (refund.compareTo(Money.of(credit).negate()) > 0) {
            throw new IllegalStateException("a refund of " + refund.toPlainString() + " is more than the account's "
                    + "credit of " + Money.of(credit).negate().toPlainString());
        }
        return new Posting(
                EntryKind.PATIENT_REFUND,
                null,
                on,
                description,
                List.of(
                        JournalLine.of(LedgerAccount.PATIENT_CREDIT, null, refund),
                        JournalLine.of(LedgerAccount.PATIENT_CASH, null, refund.negate())),
                List.of());
    }
}
