package io.claimflow.patientbilling.statement;

import static io.claimflow.platform.money.Money.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimflow.codes.ProcedureDescriptions;
import io.claimflow.patientbilling.account.AgingBucket;
import io.claimflow.patientbilling.ledger.PatientShare;
import io.claimflow.patientbilling.statement.StatementDocument.Procedure;
import io.claimflow.patientbilling.statement.StatementDocument.Visit;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The statement document is assembled once: visits in date order, procedures in words, totals to the cent. */
public class StatementDocumentTest {

    public static final LocalDate AS_OF = LocalDate.of(2026, 4, 30);
    public static final Practice PRACTICE = new Practice(
            "Riverside Family Medicine",
            List.of("100 Main St", "Columbus, OH 43215"),
            "(614) 555-0100",
            List.of("PO Box 1234", "Columbus, OH 43216"));
    public static final Addressee PAT = new Addressee("Pat Example", List.of("1 Oak St", "Columbus, OH 43214"));

    static StatementLine line(String claimId, LocalDate from, String balance, LocalDate responsibleSince) {
        return new StatementLine(
                claimId,
                "enc-" + claimId,
                from,
                from,
                "Priya Raman",
                of("210.00"),
                of("103.74"),
                of("81.26"),
                new PatientShare(of("0.00"), of("0.00"), of("25.00"), of("0.00")),
                of("25.00").subtract(new BigDecimal(balance)),
                of(balance),
                responsibleSince,
                List.of());
    }

    /** Three visits gathered out of order (as a run gathers them: by when the patient became responsible). */
    public static Statement statement() {
        return new Statement(
                7,
                "riverside-fm-7",
                AS_OF,
                AS_OF.plusDays(21),
                of("40.00"),
                of("15.00"),
                of("-0.01"),
                of("58.32"),
                of("25.00"),
                List.of(
                        line("clm-c", LocalDate.of(2026, 4, 2), "25.00", LocalDate.of(2026, 4, 20)),
                        line("clm-b", LocalDate.of(2026, 1, 10), "8.33", LocalDate.of(2026, 1, 25)),
                        line("clm-a", LocalDate.of(2026, 4, 2), "25.00", LocalDate.of(2026, 2, 15))));
    }

    @Test
    void visitsInDateOfServiceOrderThenClaimWithTheirProceduresInWords() {
        StatementDocument d = StatementDocument.assemble(
                31,
                statement(),
                PRACTICE,
                PAT,
                Map.of("clm-a", List.of("99213", "90686"), "clm-b", List.of("G0439", "XYZ99")),
                ProcedureDescriptions.shipped());

        assertThat(d.visits()).extracting(Visit::claimId).containsExactly("clm-b", "clm-a", "clm-c");
        assertThat(d.visits().get(0).procedures())
                .containsExactly(
                        new Procedure(
                                "G0439",
                                "Annual wellness visit, includes a personalized prevention plan of service (pps), "
                                        + "subsequent visit"),
                        new Procedure("XYZ99", null));
        assertThat(d.visits().get(1).procedures())
                .extracting(Procedure::text)
                .containsExactly(
                        "99213 Office or other outpatient visit, established patient, low MDM or 20-29 minutes",
                        "90686 Influenza virus vaccine, quadrivalent, preservative free, 0.5 mL, intramuscular");
        assertThat(d.visits().get(2).procedures()).isEmpty(); // a claim registered before codes were kept
        assertThat(d.practice()).isEqualTo(PRACTICE);
        assertThat(d.mailTo()).isEqualTo(PAT);
        assertThat(d.statementId()).isEqualTo(31);
        assertThat(d.accountNumber()).isEqualTo("riverside-fm-7");
        assertThat(d.dueDate()).isEqualTo(LocalDate.of(2026, 5, 21));
    }

    @Test
    void totalsAndAgingAddUpToTheCent() {
        StatementDocument d =
                StatementDocument.assemble(31, statement(), PRACTICE, PAT, Map.of(), ProcedureDescriptions.shipped());

        assertThat(d.amountDue()).isEqualByComparingTo("58.32"); // 25.00 + 8.33 + 25.00 - 0.01
        assertThat(d.minimumDue()).isEqualByComparingTo("25.00");
        assertThat(d.previousBalance()).isEqualByComparingTo("40.00");
        assertThat(d.paymentsSince()).isEqualByComparingTo("15.00");
        assertThat(d.visits()).extracting(Visit::patientPaid).containsExactly(of("16.67"), of("0.00"), of("0.00"));
        // aged from when the patient became responsible, as of the statement date; the credit apart
        assertThat(d.aging().buckets())
                .containsEntry(AgingBucket.CURRENT, of("25.00"))
                .containsEntry(AgingBucket.DAYS_61_90, of("25.00"))
                .containsEntry(AgingBucket.DAYS_91_120, of("8.33"))
                .containsEntry(AgingBucket.DAYS_31_60, of("0.00"));
        assertThat(d.aging().credit()).isEqualByComparingTo("-0.01");
        assertThat(d.aging().balance()).isEqualByComparingTo(d.amountDue());
    }

    @Test
    void aDocumentWhoseVisitsDoNotAddUpToTheAmountDueIsRefused() {
        StatementDocument d =
                StatementDocument.assemble(31, statement(), PRACTICE, PAT, Map.of(), ProcedureDescriptions.shipped());
        assertThatThrownBy(() -> new StatementDocument(
                        31,
                        PRACTICE,
                        PAT,
                        "riverside-fm-7",
                        AS_OF,
                        AS_OF,
                        d.visits(),
                        of("0.00"),
                        of("0.00"),
                        of("-0.01"),
                        of("58.33"),
                        of("25.00"),
                        d.aging()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("58.32");
    }

    @Test
    void withoutAConfiguredPracticeTheChecksGoNowhereNamed() {
        assertThat(Practice.named("1234567893").checksTo()).isEmpty();
        assertThat(PRACTICE.checksTo()).containsExactly("PO Box 1234", "Columbus, OH 43216");
        assertThat(new Practice("R", List.of("100 Main St"), null, null).checksTo())
                .containsExactly("100 Main St");
    }
}
