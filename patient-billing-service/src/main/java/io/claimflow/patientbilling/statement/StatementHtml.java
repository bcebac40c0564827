package io.claimflow.patientbilling.statement;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Renders a statement as a self-contained, printable HTML page (no scripts, no external resources). */
public final class StatementHtml {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");

    private StatementHtml() {}

    public static String render(Statement s, Addressee to, Practice practice) {
        String payableTo = practice.name();
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Patient statement ")
                .append(esc(s.accountNumber()))
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em}"
                        + "table{border-collapse:collapse;width:100%}td,th{padding:4px 8px;border-bottom:1px solid #ccc}"
                        + "td.n,th.n{text-align:right}.due{font-size:1.3em;font-weight:bold}"
                        + "@media print{body{margin:0}}</style></head><body>\n");
        out.append("<h1>Patient statement</h1>\n<p>").append(esc(payableTo));
        practice.addressLines().forEach(line -> out.append("<br>").append(esc(line)));
        if (practice.phone() != null) {
            out.append("<br>Phone ").append(esc(practice.phone()));
        }
        out.append("</p>\n");
        out.append("<address>").append(esc(to.name() == null ? "" : to.name()));
        to.addressLines().forEach(line -> out.append("<br>").append(esc(line)));
        out.append("</address>\n<table>\n");
        row(out, "Account number", esc(s.accountNumber()));
        row(out, "Statement date", DATE.format(s.statementDate()));
        row(out, "Due date", DATE.format(s.dueDate()));
        out.append(
                "</table>\n<h2>Visits</h2>\n<table>\n<tr><th>Date of service</th><th>Visit</th><th>Provider</th>"
                        + "<th class=\"n\">Charge</th><th class=\"n\">Insurance paid</th><th class=\"n\">Adjustments</th>"
                        + "<th class=\"n\">Deductible</th><th class=\"n\">Coinsurance</th><th class=\"n\">Copay</th>"
                        + "<th class=\"n\">Not covered / other</th><th class=\"n\">You paid</th><th class=\"n\">You owe</th></tr>\n");
        for (StatementLine l : s.lines()) {
            out.append("<tr><td>").append(DATE.format(l.serviceFrom()));
            if (!l.serviceTo().equals(l.serviceFrom())) {
                out.append(" - ").append(DATE.format(l.serviceTo()));
            }
            out.append("</td><td>")
                    .append(esc(l.claimId()))
                    .append("</td><td>")
                    .append(esc(l.provider() == null ? "" : l.provider()))
                    .append("</td>");
            for (BigDecimal amount : new BigDecimal[] {
                l.charge(),
                l.insurancePaid(),
                l.adjustments(),
                l.patientShare().deductible(),
                l.patientShare().coinsurance(),
                l.patientShare().copay(),
                l.patientShare().other(),
                l.patientPaid().negate(),
                l.balance()
            }) {
                out.append("<td class=\"n\">")
                        .append(StatementText.money(amount))
                        .append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</table>\n<table>\n");
        row(out, "Previous balance", StatementText.money(s.previousBalance()));
        row(
                out,
                "Payments since last statement",
                StatementText.money(s.paymentsSince().negate()));
        if (s.credit().signum() != 0) {
            row(out, "Credit on account", StatementText.money(s.credit()));
        }
        out.append("<tr class=\"due\"><td>Amount due</td><td class=\"n\">")
                .append(StatementText.money(s.balance()))
                .append("</td></tr>\n");
        row(out, "Minimum due by " + DATE.format(s.dueDate()), StatementText.money(s.minimumDue()));
        List<String> remitTo = practice.remitToLines().isEmpty() ? practice.addressLines() : practice.remitToLines();
        out.append("</table>\n<p>To pay, mail a check payable to ")
                .append(esc(payableTo))
                .append(" with your account number")
                .append(remitTo.isEmpty() ? "." : " to:")
                .append("</p>\n");
        if (!remitTo.isEmpty()) {
            out.append("<address>")
                    .append(String.join(
                            "<br>", remitTo.stream().map(StatementHtml::esc).toList()))
                    .append("</address>\n");
        }
        if (practice.phone() != null) {
            out.append("<p>Questions about this statement: call ")
                    .append(esc(practice.phone()))
                    .append(".</p>\n");
        }
        out.append("</body></html>\n");
        return out.toString();
    }

    private static void row(StringBuilder out, String label, String value) {
        out.append("<tr><td>")
                .append(esc(label))
                .append("</td><td class=\"n\">")
                .append(value)
                .append("</td></tr>\n");
    }

    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
