package io.claimflow.patientbilling.statement.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.codes.ProcedureDescriptions;
import io.claimflow.patientbilling.statement.Addressee;
import io.claimflow.patientbilling.statement.Practice;
import io.claimflow.patientbilling.statement.StatementDocument;
import io.claimflow.patientbilling.statement.StatementDocumentTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HTML page lays out the document: every part of it present, in order, and every text escaped. */
class StatementHtmlTest {

    static StatementDocument document(Practice practice, Addressee to) {
        return StatementDocument.assemble(
                31,
                StatementDocumentTest.statement(),
                practice,
                to,
                Map.of("clm-a", List.of("99213"), "clm-b", List.of("G0439")),
                ProcedureDescriptions.shipped());
    }

    @Test
    void thePracticeVisitsInDateOrderWithCodeDescriptionsTotalsAgingAndRemitTo() {
        String html = StatementHtml.render(document(StatementDocumentTest.PRACTICE, StatementDocumentTest.PAT));

        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains(
                        "<strong>Riverside Family Medicine</strong><br>100 Main St<br>Columbus, OH 43215"
                                + "<br>Phone (614) 555-0100",
                        "Pat Example<br>1 Oak St",
                        "Statement number</td><td class=\"n\">31",
                        "riverside-fm-7",
                        "05/21/2026",
                        "<li>99213 Office or other outpatient visit, established patient, low MDM or 20-29 minutes</li>",
                        "<li>G0439 Annual wellness visit, includes a personalized prevention plan of service (pps), "
                                + "subsequent visit</li>",
                        "Provider Priya Raman",
                        "$210.00",
                        "$103.74",
                        "$81.26",
                        "-$16.67",
                        "$8.33",
                        "Credit on account</td><td class=\"n\">-$0.01",
                        "Amount due</td><td class=\"n\">$58.32",
                        "Minimum due by 05/21/2026</td><td class=\"n\">$25.00",
                        "91-120 days",
                        "mail a check payable to Riverside Family Medicine with your account number riverside-fm-7 to:",
                        "<address class=\"remit-to\">PO Box 1234<br>Columbus, OH 43216</address>",
                        "Questions about this statement: call (614) 555-0100.")
                .doesNotContain("<script", "http");
        assertThat(html.indexOf("01/10/2026")).isPositive().isLessThan(html.indexOf("04/02/2026"));
        assertThat(html.indexOf("Claim clm-b"))
                .isLessThan(html.indexOf("Claim clm-a"))
                .isLessThan(html.indexOf("Claim clm-c"));
        assertThat(html.indexOf("Claim clm-a")).isLessThan(html.indexOf("Claim clm-c"));
    }

    @Test
    void everyTextFromTheDocumentIsEscaped() {
        String html = StatementHtml.render(document(
                new Practice("Smith & <Jones>", List.of("1 \"Main\" St"), "555", List.of()),
                new Addressee("Jordan <O'Brien>", List.of("1 Main St & Co"))));

        assertThat(html)
                .contains(
                        "Smith &amp; &lt;Jones&gt;",
                        "1 &quot;Main&quot; St",
                        "Jordan &lt;O&#39;Brien&gt;",
                        "1 Main St &amp; Co",
                        "<address class=\"remit-to\">1 &quot;Main&quot; St</address>")
                .doesNotContain("<O'Brien>", "<Jones>");
    }

    @Test
    void aPracticeKnownByNameOnlyHasNoAddressToMailTo() {
        String html = StatementHtml.render(document(Practice.named("1234567893"), new Addressee(null, List.of())));

        assertThat(html)
                .contains("with your account number riverside-fm-7.</p>")
                .doesNotContain("remit-to", "Questions about this statement");
    }
}
