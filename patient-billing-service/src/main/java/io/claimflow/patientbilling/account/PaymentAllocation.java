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

    private PaymentAllocation() {
    }

    /**
     * The journal entry for a patient payment of {@code amount}.
     *
     * @param preferredClaimId the claim the patient asked to pay, or null
     * @throws IllegalArgumentException when the amount is not positive
     */
    public static Posting allocate(BigDecimal amount, List<OpenClaim> openClaims, String preferredClaimId,
            LocalDate receivedOn, String description) {
        BigDecimal left = Money.of(amount);
        if (left.signum() <= 0) {
            throw new IllegalArgumentException("a patient payment must be positive");
        }
        List<OpenClaim> order = new ArrayList<>(openClaims.stream().filter(c -> c.balance().signum() > 0)
                .sorted(Comparator.comparing(OpenClaim::responsibleSince).thenComparing(OpenClaim::claimId))
                .toList());
        if (preferredClaimId != null) {
            order.sort(Comparator.comparing(c -> !c.claimId().equals(preferredClaimId))); // stable: rest stay oldest first
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
}
