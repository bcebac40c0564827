package io.claimflow.patientbilling.statement;

import io.claimflow.patientbilling.ledger.PatientShare;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One visit (claim) on a statement: what was charged, what insurance paid and adjusted, what the patient owes and why,
 * what the patient paid on it, and what is left.
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
        LocalDate responsibleSince) {}
