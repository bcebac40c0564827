package io.claimflow.patientbilling.statement;

import io.claimflow.codes.ProcedureDescriptions;
import io.claimflow.patientbilling.account.AccountQueries;
import io.claimflow.patientbilling.account.Aging;
import io.claimflow.patientbilling.account.OpenClaim;
import io.claimflow.patientbilling.ledger.PatientShare;
import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A statement as the patient reads it, assembled once and laid out by each renderer (PDF, HTML) without deciding
 * anything: who it is from (the practice, its phone, where to send a check), who it goes to, the visits in date of
 * service order with their procedures described in words, what insurance paid and adjusted and what the patient owes
 * by kind on each, the patient's payments, the amount due with its minimum and due date, and the aging of the balance
 * as of the statement date. The visits' balances plus the credit are the amount due, to the cent.
 */
public record StatementDocument(
        long statementId,
        Practice practice,
        Addressee mailTo,
        String accountNumber,
        LocalDate statementDate,
        LocalDate dueDate,
        List<Visit> visits,
        BigDecimal previousBalance,
        BigDecimal paymentsSince,
        BigDecimal credit,
        BigDecimal amountDue,
        BigDecimal minimumDue,
        Aging aging) {

    /**
     * One visit (claim): its dates, provider and procedures; the charge, what insurance paid and adjusted, the
     * patient's share by kind, what the patient paid on it, and what is left; each payer's part when several answered.
     *
     * @param selfPay a self-pay visit billed to the patient (no insurance billed): its whole charge is the patient's
     *     own, held as the share of kind "other", which the renderers show as the patient's charge, not as something
     *     insurance did not cover
     */
    public record Visit(
            String claimId,
            LocalDate serviceFrom,
            LocalDate serviceTo,
            String provider,
            List<Procedure> procedures,
            BigDecimal charge,
            BigDecimal insurancePaid,
            BigDecimal adjustments,
            PatientShare patientShare,
            BigDecimal patientPaid,
            BigDecimal balance,
            List<AccountQueries.PayerPart> payers,
            boolean selfPay) {

        public Visit {
            procedures = List.copyOf(procedures);
            payers = List.copyOf(payers);
        }

        /** Whether the visit was answered by more than one payer, so each payer's part is shown. */
        public boolean severalPayers() {
            return payers.size() > 1;
        }

        /** Whether the visit spans more than one day. */
        public boolean spansDays() {
            return serviceTo != null && !serviceTo.equals(serviceFrom);
        }
    }

    /** A procedure billed on a visit: its code and, when the code sets know it, its description in words. */
    public record Procedure(String code, String description) {

        /** "99213 Office or other outpatient visit...", or the code alone. */
        public String text() {
            return description == null ? code : code + " " + description;
        }
    }

    public StatementDocument {
        visits = visits.stream()
                .sorted(Comparator.comparing(Visit::serviceFrom).thenComparing(Visit::claimId))
                .toList();
        BigDecimal fromVisits =
                Money.sum(visits.stream().map(Visit::balance).toList()).add(credit);
        if (fromVisits.compareTo(amountDue) != 0) {
            throw new IllegalArgumentException("the visits and credit sum to " + fromVisits.toPlainString()
                    + ", not the amount due " + amountDue.toPlainString());
        }
    }

    /**
     * Assembles the document of a stored statement.
     *
     * @param procedureCodes the procedure codes billed per claim, in line order (a claim without any lists none)
     * @param descriptions where a code's words come from
     */
    public static StatementDocument assemble(
            long statementId,
            Statement statement,
            Practice practice,
            Addressee mailTo,
            Map<String, List<String>> procedureCodes,
            ProcedureDescriptions descriptions) {
        return assemble(statementId, statement, practice, mailTo, procedureCodes, descriptions, Set.of());
    }

    /**
     * Assembles the document of a stored statement whose self-pay visits are known.
     *
     * @param selfPayClaims the claims among the statement's that were billed to the patient (self-pay)
     */
    public static StatementDocument assemble(
            long statementId,
            Statement statement,
            Practice practice,
            Addressee mailTo,
            Map<String, List<String>> procedureCodes,
            ProcedureDescriptions descriptions,
            Set<String> selfPayClaims) {
        List<Visit> visits = statement.lines().stream()
                .map(line -> new Visit(
                        line.claimId(),
                        line.serviceFrom(),
                        line.serviceTo(),
                        line.provider(),
                        procedureCodes.getOrDefault(line.claimId(), List.of()).stream()
                                .map(code -> new Procedure(
                                        code, descriptions.describe(code).orElse(null)))
                                .toList(),
                        line.charge(),
                        line.insurancePaid(),
                        line.adjustments(),
                        line.patientShare(),
                        line.patientPaid(),
                        line.balance(),
                        line.payers(),
                        selfPayClaims.contains(line.claimId())))
                .toList();
        List<OpenClaim> open = statement.lines().stream()
                .map(l -> new OpenClaim(l.claimId(), l.balance(), l.responsibleSince()))
                .toList();
        return new StatementDocument(
                statementId,
                practice,
                mailTo,
                statement.accountNumber(),
                statement.statementDate(),
                statement.dueDate(),
                visits,
                statement.previousBalance(),
                statement.paymentsSince(),
                statement.credit(),
                statement.balance(),
                statement.minimumDue(),
                Aging.of(open, statement.credit(), statement.statementDate()));
    }
}
