package io.claimflow.patientbilling.statement.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimflow.codes.ProcedureDescriptions;
import io.claimflow.patientbilling.account.AccountQueries;
import io.claimflow.patientbilling.ledger.PatientShare;
import io.claimflow.patientbilling.statement.Addressee;
import io.claimflow.patientbilling.statement.Practice;
import io.claimflow.patientbilling.statement.Statement;
import io.claimflow.patientbilling.statement.StatementDocument;
import io.claimflow.patientbilling.statement.StatementDocumentTest;
import io.claimflow.patientbilling.statement.StatementLine;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

/** The PDF layout on its own: long statements run onto further pages, odd names and large amounts print. */
class StatementPdfTest {

    @Test
    void aLongStatementRunsOntoMorePagesAndKeepsEveryVisit() throws IOException {
        List<StatementLine> lines = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            lines.add(new StatementLine(
                    "clm-" + i,
                    "enc-" + i,
                    LocalDate.of(2026, 3, 1),
                    LocalDate.of(2026, 3, 2),
                    "Priya Raman",
                    new BigDecimal("1234.56"),
                    new BigDecimal("1000.00"),
                    new BigDecimal("100.00"),
                    new PatientShare(
                            new BigDecimal("100.00"),
                            new BigDecimal("20.56"),
                            new BigDecimal("10.00"),
                            new BigDecimal("4.00")),
                    new BigDecimal("34.56"),
                    new BigDecimal("100.00"),
                    LocalDate.of(2026, 4, 1).plusDays(i),
                    List.of()));
        }
        Statement statement = new Statement(
                7,
                "t-1-7",
                LocalDate.of(2026, 5, 1),
                LocalDate.of(2026, 5, 22),
                new BigDecimal("4100.00"),
                new BigDecimal("100.00"),
                new BigDecimal("-5.00"),
                new BigDecimal("3995.00"),
                new BigDecimal("399.50"),
                lines);

        byte[] pdf = StatementPdf.render(StatementDocument.assemble(
                99,
                statement,
                Practice.named("Riverside FM"),
                new Addressee("Zoë Nguyễn 李", List.of("1 Élan Way", "Columbus, OH 43214")),
                Map.of("clm-1", List.of("99214", "83036")),
                ProcedureDescriptions.shipped()));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThan(1);
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            List<String> text =
                    stripper.getText(document).lines().map(String::strip).toList();
            assertThat(text.stream()
                            .filter(l -> l.matches("03/01/2026 Claim clm-\\d+ \\$1,234\\.56 "
                                    + "\\$1,000\\.00 \\$100\\.00 \\$100\\.00")))
                    .hasSize(40);
            assertThat(text.stream().filter(l -> l.equals("You paid -$34.56"))).hasSize(40);
            assertThat(text.stream().filter(l -> l.startsWith("to 03/02/2026"))).hasSize(40);
            assertThat(text)
                    .contains(
                            "to 03/02/2026 Provider Priya Raman",
                            "99214 Office or other outpatient visit, established patient, moderate MDM or 30-39 minutes",
                            "83036 Hemoglobin, glycosylated (A1c)",
                            "Other (not covered) $4.00",
                            "Credit on account -$5.00",
                            "AMOUNT DUE $3,995.00",
                            "MINIMUM DUE by 05/22/2026 $399.50");
            // what Helvetica cannot print becomes '?', the rest of the name stays
            assertThat(text).anyMatch(l -> l.startsWith("Zoë Nguy?n ?"));
            assertThat(text).anyMatch(l -> l.startsWith("1 Élan Way"));
        }
    }

    /** Issue 21 item 4: what the statement PDF lacked, seen in a browser. */
    @Test
    void thePracticeWithAddressPhoneAndRemitToVisitsInDateOrderAndHeadersThatDoNotRunTogether() throws IOException {
        PatientShare copay =
                new PatientShare(BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("25.00"), BigDecimal.ZERO);
        StatementLine later = new StatementLine(
                "clm-b",
                "enc-b",
                LocalDate.of(2026, 3, 5),
                LocalDate.of(2026, 3, 5),
                "Priya Raman",
                new BigDecimal("210.00"),
                new BigDecimal("103.74"),
                new BigDecimal("81.26"),
                copay,
                BigDecimal.ZERO,
                new BigDecimal("25.00"),
                LocalDate.of(2026, 3, 20),
                List.of());
        StatementLine earlier = new StatementLine(
                "clm-a",
                "enc-a",
                LocalDate.of(2026, 2, 1),
                LocalDate.of(2026, 2, 1),
                "Priya Raman",
                new BigDecimal("210.00"),
                new BigDecimal("103.74"),
                new BigDecimal("81.26"),
                copay,
                BigDecimal.ZERO,
                new BigDecimal("25.00"),
                LocalDate.of(2026, 2, 20),
                List.of(
                        new AccountQueries.PayerPart(
                                "Buckeye Health Plan", new BigDecimal("80.00"), new BigDecimal("70.00")),
                        new AccountQueries.PayerPart(
                                "Ohio Medicaid", new BigDecimal("23.74"), new BigDecimal("11.26"))));
        Statement statement = new Statement(
                7,
                "riverside-fm-7",
                LocalDate.of(2026, 4, 1),
                LocalDate.of(2026, 4, 22),
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                new BigDecimal("50.00"),
                new BigDecimal("25.00"),
                List.of(later, earlier));
        Practice practice = new Practice(
                "Riverside Family Medicine",
                List.of("100 Main St", "Columbus, OH 43215"),
                "(614) 555-0100",
                List.of("Riverside Family Medicine", "PO Box 1234", "Columbus, OH 43216"));

        byte[] pdf = StatementPdf.render(StatementDocument.assemble(
                12,
                statement,
                practice,
                new Addressee("Pat Example", List.of("1 Oak St", "Columbus, OH 43214")),
                Map.of("clm-a", List.of("99213")),
                ProcedureDescriptions.shipped()));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            String text = stripper.getText(document);
            List<String> lines = text.lines().map(String::strip).toList();
            assertThat(lines)
                    .contains("Date of service Visit / procedures Charge Insurance paid Contractual adj. You owe");
            // each column header at least 6 points clear of the next, as printed
            List<String> headers = List.of(
                    "Date of service", "Visit / procedures", "Charge", "Insurance paid", "Contractual adj.", "You owe");
            List<float[]> spans = headerSpans(document, headers);
            for (int i = 0; i + 1 < spans.size(); i++) {
                assertThat(spans.get(i + 1)[0] - spans.get(i)[1])
                        .as("gap after " + headers.get(i))
                        .isGreaterThanOrEqualTo(6f);
            }
            assertThat(text)
                    .contains(
                            "Riverside Family Medicine",
                            "100 Main St",
                            "Columbus, OH 43215",
                            "(614) 555-0100",
                            "PO Box 1234",
                            "Columbus, OH 43216",
                            "99213 Office or other outpatient visit, established patient, low MDM or 20-29 minutes",
                            "Aging of your balance",
                            "Questions about this statement: call (614) 555-0100.")
                    .doesNotContain("Practice riverside-fm");
            // a visit two payers answered shows each payer's part under it (the columns hold their sums)
            assertThat(lines)
                    .anySatisfy(l -> assertThat(l)
                            .startsWith("Paid by Buckeye Health Plan")
                            .contains("80.00", "70.00"));
            assertThat(lines)
                    .anySatisfy(l ->
                            assertThat(l).startsWith("Paid by Ohio Medicaid").contains("23.74", "11.26"));
            assertThat(text.indexOf("Paid by Buckeye Health Plan"))
                    .isGreaterThan(text.indexOf("02/01/2026 Claim clm-a"))
                    .isLessThan(text.indexOf("03/05/2026 Claim clm-b"));
            assertThat(text.indexOf("02/01/2026 Claim clm-a"))
                    .isPositive()
                    .isLessThan(text.indexOf("03/05/2026 Claim clm-b"));
        }
    }

    /** A long description wraps within the page, between words, every word printed. */
    @Test
    void aLongProcedureDescriptionWrapsWithinThePage() throws IOException {
        byte[] pdf = StatementPdf.render(StatementDocument.assemble(
                5,
                StatementDocumentTest.statement(),
                Practice.named("Riverside FM"),
                new Addressee("Pat Example", List.of("1 Oak St")),
                Map.of("clm-a", List.of("G2211", "99213")),
                ProcedureDescriptions.shipped()));

        String description = ProcedureDescriptions.shipped().describe("G2211").orElseThrow();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            List<String> lines =
                    stripper.getText(document).lines().map(String::strip).toList();
            int first = lines.indexOf(lines.stream()
                    .filter(l -> l.startsWith("G2211 Visit complexity"))
                    .findFirst()
                    .orElseThrow());
            int last = lines.indexOf(lines.stream()
                    .filter(l -> l.endsWith("new or established)"))
                    .findFirst()
                    .orElseThrow());
            assertThat(last - first).isGreaterThanOrEqualTo(3);
            assertThat(String.join(" ", lines.subList(first, last + 1))).isEqualTo("G2211 " + description);
            assertThat(lines.get(last + 1))
                    .isEqualTo("99213 Office or other outpatient visit, established patient, low MDM or 20-29 minutes");
            // nothing printed beyond the right margin
            List<TextPosition> glyphs = new ArrayList<>();
            new PDFTextStripper() {
                @Override
                protected void processTextPosition(TextPosition text) {
                    glyphs.add(text);
                }
            }.getText(document);
            assertThat(glyphs)
                    .allSatisfy(
                            g -> assertThat(g.getXDirAdj() + g.getWidthDirAdj()).isLessThanOrEqualTo(562.5f));
        }
    }

    /** Where each header starts and ends on the first page ([x start, x end] in points), read back from the PDF. */
    private static List<float[]> headerSpans(PDDocument document, List<String> headers) throws IOException {
        List<TextPosition> glyphs = new ArrayList<>();
        PDFTextStripper collector = new PDFTextStripper() {
            @Override
            protected void processTextPosition(TextPosition text) {
                glyphs.add(text);
            }
        };
        collector.setStartPage(1);
        collector.setEndPage(1);
        collector.getText(document);
        StringBuilder all = new StringBuilder();
        glyphs.forEach(g -> all.append(g.getUnicode()));
        int row = all.indexOf(String.join("", headers.get(0)));
        float y = glyphs.get(row).getYDirAdj();
        List<TextPosition> line = glyphs.stream()
                .filter(g -> Math.abs(g.getYDirAdj() - y) < 1)
                .sorted(Comparator.comparing(TextPosition::getXDirAdj))
                .toList();
        StringBuilder text = new StringBuilder();
        line.forEach(g -> text.append(g.getUnicode()));
        List<float[]> spans = new ArrayList<>();
        for (String header : headers) {
            int at = text.indexOf(header);
            assertThat(at).as(header + " in the header row " + text).isNotNegative();
            var last = line.get(at + header.length() - 1);
            spans.add(new float[] {line.get(at).getXDirAdj(), last.getXDirAdj() + last.getWidthDirAdj()});
        }
        return spans;
    }

    @Test
    void moneyIsPrintedFromTheBigDecimalToTheCent() {
        assertThat(Printed.money(new BigDecimal("1234567.8"))).isEqualTo("$1,234,567.80");
        assertThat(Printed.money(new BigDecimal("-0.01"))).isEqualTo("-$0.01");
        assertThat(Printed.money(new BigDecimal("0"))).isEqualTo("$0.00");
        assertThatThrownBy(() -> Printed.money(new BigDecimal("0.005"))).isInstanceOf(ArithmeticException.class);
    }
}
