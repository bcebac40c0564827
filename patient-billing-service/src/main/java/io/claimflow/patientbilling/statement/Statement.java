package io.claimflow.patientbilling.statement;

import io.claimflow.platform.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * A patient statement: the open visits, the previous statement's balance, payments since, credit, the balance,
 * the minimum due and the due date. The lines plus the credit add up to the balance.
 */
public record Statement(
        long accountId,
        String accountNumber,
        LocalDate statementDate,
        LocalDate dueDate,
        BigDecimal previousBalance,
        BigDecimal paymentsSince,
        BigDecimal credit,
        BigDecimal balance,
        BigDecimal minimumDue,
        List<StatementLine> lines) {

    public Statement {
        // visits in date order, whatever order they were gathered (or stored) in
        lines = lines.stream()
                .sorted(Comparator.comparing(StatementLine::serviceFrom).thenComparing(StatementLine::claimId))
                .toList();
        BigDecimal fromLines =
                Money.sum(lines.stream().map(StatementLine::balance).toList()).add(credit);
        if (fromLines.compareTo(balance) != 0) {
            throw new IllegalArgumentException("statement lines and credit sum to " + fromLines.toPlainString()
                    + ", not the balance " + balance.toPlainString());
        }
    }
}
