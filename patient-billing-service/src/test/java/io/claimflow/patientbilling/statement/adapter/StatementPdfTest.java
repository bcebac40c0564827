package io.claimflow.patientbilling.statement.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimflow.patientbilling.ledger.PatientShare;
import io.claimflow.patientbilling.statement.Addressee;
import io.claimflow.patientbilling.statement.Statement;
import io.claimflow.patientbilling.statement.StatementLine;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The PDF layout on its own: long statements run onto further pages, odd names and large amounts print. */
class StatementPdfTest {

    @Test
    void aLongStatementRunsOntoMorePagesAndKeepsEveryVisit() throws IOException {
        List<StatementLine> lines = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            lines.add(new StatementLine("clm-" + i, "enc-" + i, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 2),
                    "Priya Raman", new BigDecimal("1234.56"), new BigDecimal("1000.00"), new BigDecimal("100.00"),
                    new PatientShare(new BigDecimal("100.00"), new BigDecimal("20.56"), new BigDecimal("10.00"),
                            new BigDecimal("4.00")), new BigDecimal("34.56"), new BigDecimal("100.00"),
                    LocalDate.of(2026, 4, 1).plusDays(i)));
        }
        Statement statement = new Statement(7, "t-1-7", LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 22),
                new BigDecimal("4100.00"), new BigDecimal("100.00"), new BigDecimal("-5.00"), new BigDecimal("3995.00"),
                new BigDecimal("399.50"), lines);

        byte[] pdf = StatementPdf.render(new Statements.StoredStatement(99, 3L, "t-1", statement),
                new Addressee("Zoë Nguyễn 李", List.of("1 Élan Way", "Columbus, OH 43214")), "Riverside FM",
                Map.of("clm-1", List.of("99214", "83036")));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThan(1);
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            List<String> text = stripper.getText(document).lines().map(String::strip).toList();
            assertThat(text.stream().filter(l -> l.matches("03/01/2026 Claim clm-\\d+ \\$1,234\\.56 "
                    + "\\$1,000\\.00 \\$100\\.00 \\$100\\.00"))).hasSize(40);
            assertThat(text.stream().filter(l -> l.equals("You paid -$34.56"))).hasSize(40);
            assertThat(text.stream().filter(l -> l.startsWith("to 03/02/2026"))).hasSize(40);
            assertThat(text).contains("to 03/02/2026 Procedures 99214, 83036 - Provider Priya Raman", "Other (not covered) $4.00",
                    "Credit on account -$5.00", "AMOUNT DUE $3,995.00", "MINIMUM DUE by 05/22/2026 $399.50");
            // what Helvetica cannot print becomes '?', the rest of the name stays
            assertThat(text).anyMatch(l -> l.startsWith("Zoë Nguy?n ?"));
            assertThat(text).anyMatch(l -> l.startsWith("1 Élan Way"));
        }
    }

    @Test
    void moneyIsPrintedFromTheBigDecimalToTheCent() {
        assertThat(StatementPdf.money(new BigDecimal("1234567.8"))).isEqualTo("$1,234,567.80");
        assertThat(StatementPdf.money(new BigDecimal("-0.01"))).isEqualTo("-$0.01");
        assertThat(StatementPdf.money(new BigDecimal("0"))).isEqualTo("$0.00");
        assertThatThrownBy(() -> StatementPdf.money(new BigDecimal("0.005"))).isInstanceOf(ArithmeticException.class);
    }
}
