package io.claimflow.patientbilling.statement.adapter;

import static io.claimflow.patientbilling.statement.adapter.Printed.date;
import static io.claimflow.patientbilling.statement.adapter.Printed.money;

import io.claimflow.patientbilling.account.AccountQueries;
import io.claimflow.patientbilling.account.AgingBucket;
import io.claimflow.patientbilling.statement.StatementDocument;
import io.claimflow.patientbilling.statement.StatementDocument.Procedure;
import io.claimflow.patientbilling.statement.StatementDocument.Visit;
import java.math.BigDecimal;
import java.util.List;

/**
 * Lays out a statement document as a self-contained, printable HTML page (no scripts, no external resources); every
 * text from the document is escaped.
 */
final class StatementHtml {

    private StatementHtml() {}

    static String render(StatementDocument d) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Patient statement ")
                .append(esc(d.accountNumber()))
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:60em}"
                        + "table{border-collapse:collapse;width:100%}td,th{padding:4px 8px;border-bottom:1px solid #ccc;"
                        + "vertical-align:top}td.n,th.n{text-align:right}ul{margin:0;padding-left:1.2em}"
                        + ".due{font-size:1.3em;font-weight:bold}@media print{body{margin:0}}</style></head><body>\n");
        out.append("<h1>Patient statement</h1>\n<p class=\"practice\"><strong>")
                .append(esc(d.practice().name()))
                .append("</strong>");
        d.practice().addressLines().forEach(line -> out.append("<br>").append(esc(line)));
        if (d.practice().phone() != null) {
            out.append("<br>Phone ").append(esc(d.practice().phone()));
        }
        out.append("</p>\n<address>").append(esc(d.mailTo().name()));
        d.mailTo().addressLines().forEach(line -> out.append("<br>").append(esc(line)));
        out.append("</address>\n<table>\n");
        row(out, "Statement number", Long.toString(d.statementId()));
        row(out, "Account number", esc(d.accountNumber()));
        row(out, "Statement date", date(d.statementDate()));
        row(out, "Due date", date(d.dueDate()));
        out.append(
                "</table>\n<h2>Visits</h2>\n<table>\n<tr><th>Date of service</th><th>Visit and procedures</th>"
                        + "<th class=\"n\">Charge</th><th class=\"n\">Insurance paid</th><th class=\"n\">Adjustments</th>"
                        + "<th class=\"n\">Deductible</th><th class=\"n\">Coinsurance</th><th class=\"n\">Copay</th>"
                        + "<th class=\"n\">Not covered / other</th><th class=\"n\">You paid</th><th class=\"n\">You owe</th></tr>\n");
        for (Visit visit : d.visits()) {
            visit(out, visit);
        }
        out.append("</table>\n<table>\n");
        row(out, "Previous balance", money(d.previousBalance()));
        row(out, "Payments since last statement", money(d.paymentsSince().negate()));
        if (d.credit().signum() != 0) {
            row(out, "Credit on account", money(d.credit()));
        }
        out.append("<tr class=\"due\"><td>Amount due</td><td class=\"n\">")
                .append(money(d.amountDue()))
                .append("</td></tr>\n");
        row(out, "Minimum due by " + date(d.dueDate()), money(d.minimumDue()));
        out.append("</table>\n<h2>Aging of your balance</h2>\n<table>\n<tr>");
        for (AgingBucket bucket : AgingBucket.values()) {
            out.append("<th class=\"n\">").append(Printed.label(bucket)).append("</th>");
        }
        out.append("</tr>\n<tr>");
        for (AgingBucket bucket : AgingBucket.values()) {
            out.append("<td class=\"n\">")
                    .append(money(d.aging().buckets().get(bucket)))
                    .append("</td>");
        }
        List<String> checksTo = d.practice().checksTo();
        out.append("</tr>\n</table>\n<p>To pay, mail a check payable to ")
                .append(esc(d.practice().name()))
                .append(" with your account number ")
                .append(esc(d.accountNumber()))
                .append(checksTo.isEmpty() ? "." : " to:")
                .append("</p>\n");
        if (!checksTo.isEmpty()) {
            out.append("<address class=\"remit-to\">")
                    .append(String.join(
                            "<br>", checksTo.stream().map(StatementHtml::esc).toList()))
                    .append("</address>\n");
        }
        if (d.practice().phone() != null) {
            out.append("<p>Questions about this statement: call ")
                    .append(esc(d.practice().phone()))
                    .append(".</p>\n");
        }
        out.append("</body></html>\n");
        return out.toString();
    }

    private static void visit(StringBuilder out, Visit visit) {
        out.append("<tr><td>").append(date(visit.serviceFrom()));
        if (visit.spansDays()) {
            out.append(" - ").append(date(visit.serviceTo()));
        }
        out.append("</td><td>Claim ").append(esc(visit.claimId()));
        if (visit.provider() != null) {
            out.append("<br>Provider ").append(esc(visit.provider()));
        }
        if (!visit.procedures().isEmpty()) {
            out.append("<ul>");
            for (Procedure procedure : visit.procedures()) {
                out.append("<li>").append(esc(procedure.text())).append("</li>");
            }
            out.append("</ul>");
        }
        if (visit.selfPay()) {
            out.append(
                    "<p class=\"self-pay\">Self-pay: no insurance was billed for this visit; the charge is yours</p>");
        }
        if (visit.severalPayers()) {
            out.append("<ul class=\"payers\">");
            for (AccountQueries.PayerPart payer : visit.payers()) {
                out.append("<li>")
                        .append(esc(payer.payerName()))
                        .append(": paid ")
                        .append(money(payer.paid()))
                        .append(", adjusted ")
                        .append(money(payer.adjustments()))
                        .append("</li>");
            }
            out.append("</ul>");
        }
        out.append("</td>");
        for (BigDecimal amount : new BigDecimal[] {
            visit.charge(),
            visit.insurancePaid(),
            visit.adjustments(),
            visit.patientShare().deductible(),
            visit.patientShare().coinsurance(),
            visit.patientShare().copay()
        }) {
            out.append("<td class=\"n\">").append(money(amount)).append("</td>");
        }
        // a self-pay visit's charge is the patient's own, not something insurance did not cover
        out.append("<td class=\"n\">")
                .append(visit.selfPay() ? "Self-pay " : "")
                .append(money(visit.patientShare().other()))
                .append("</td>");
        for (BigDecimal amount : new BigDecimal[] {visit.patientPaid().negate(), visit.balance()}) {
            out.append("<td class=\"n\">").append(money(amount)).append("</td>");
        }
        out.append("</tr>\n");
    }

    private static void row(StringBuilder out, String label, String value) {
        out.append("<tr><td>")
                .append(esc(label))
                .append("</td><td class=\"n\">")
                .append(value)
                .append("</td></tr>\n");
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
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
