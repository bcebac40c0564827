package io.claimflow.patientbilling.statement;

import io.claimflow.patientbilling.account.AccountQueries.PayerPart;
import io.claimflow.patientbilling.ledger.PatientShare;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One visit (claim) on a statement: what was charged, what insurance paid and adjusted, what the patient owes and why,
 * what the patient paid on it, and what is left. When more than one payer answered for the visit (coordination of
 * benefits), {@code payers} holds each payer's part in the order they answered; insurance paid and adjustments are
 * their sums.
 */
public record StatementLine(
        String claimId,
        String encounterId,
        LocalDate serviceFrom,
        LocalDate serviceTo,
        String provider,
        BigDecimal charge,
        BigDecimal insurancePaid,
        BigDecimal adjustments,
        PatientShare patientShare,
        BigDecimal patientPaid,
        BigDecimal balance,
        LocalDate responsibleSince,
        List<PayerPart> payers) {

    public StatementLine {
        payers = payers == null ? List.of() : List.copyOf(payers);
    }
}
