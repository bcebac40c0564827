package io.claimflow.patientbilling.statement;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Renders a statement as plain text, 80 columns, for printing or mailing. */
public final class StatementText {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");

    private StatementText() {}

    public static String render(Statement s, Addressee to, String payableTo) {
        StringBuilder out = new StringBuilder();
        out.append("PATIENT STATEMENT").append('\n');
        out.append(payableTo).append('\n').append('\n');
        out.append(to.name() == null ? "" : to.name()).append('\n');
        to.addressLines().forEach(line -> out.append(line).append('\n'));
        out.append('\n');
        row(out, "Account number", s.accountNumber());
        row(out, "Statement date", DATE.format(s.statementDate()));
        row(out, "Due date", DATE.format(s.dueDate()));
        out.append('\n');
        out.append(String.format(
                Locale.US,
                "%-10s %-22s %10s %10s %10s %10s%n",
                "Service",
                "Visit",
                "Charge",
                "Ins paid",
                "Adjusted",
                "You owe"));
        out.append("-".repeat(77)).append('\n');
        for (StatementLine line : s.lines()) {
            out.append(String.format(
                    Locale.US,
                    "%-10s %-22s %10s %10s %10s %10s%n",
                    DATE.format(line.serviceFrom()),
                    truncate(line.claimId(), 22),
                    money(line.charge()),
                    money(line.insurancePaid()),
                    money(line.adjustments()),
                    money(line.balance())));
            if (line.provider() != null) {
                out.append(String.format(Locale.US, "%-10s   provider: %s%n", "", line.provider()));
            }
            detail(out, "deductible", line.patientShare().deductible());
            detail(out, "coinsurance", line.patientShare().coinsurance());
            detail(out, "copay", line.patientShare().copay());
            detail(out, "not covered / other", line.patientShare().other());
            detail(out, "you paid", line.patientPaid().negate());
        }
        out.append("-".repeat(77)).append('\n');
        row(out, "Previous balance", money(s.previousBalance()));
        row(out, "Payments since last statement", money(s.paymentsSince().negate()));
        if (s.credit().signum() != 0) {
            row(out, "Credit on account", money(s.credit()));
        }
        row(out, "AMOUNT DUE", money(s.balance()));
        row(out, "MINIMUM DUE by " + DATE.format(s.dueDate()), money(s.minimumDue()));
        out.append('\n');
        out.append("To pay, call our billing office or mail a check payable to ")
                .append(payableTo)
                .append(" with your account number.")
                .append('\n');
        return out.toString();
    }

    private static void row(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.US, "%-40s %36s%n", label + ":", value));
    }

    private static void detail(StringBuilder out, String label, BigDecimal amount) {
        if (amount.signum() != 0) {
            out.append(String.format(Locale.US, "%-10s   %-52s %10s%n", "", label, money(amount)));
        }
    }

    static String money(BigDecimal amount) {
        return (amount.signum() < 0 ? "-$" : "$") + String.format(Locale.US, "%,.2f", amount.abs());
    }

    private static String truncate(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width);
    }
}
