package io.claimflow.claim.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimflow.claim.denial.AdjustmentCode;
import io.claimflow.claim.denial.CarcTable;
import io.claimflow.claim.model.ClaimStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaymentAssessmentTest {

    static BigDecimal $(String amount) {
        return new BigDecimal(amount);
    }

    static PaymentNotice.LineOutcome line(
            int number, String code, String charge, String paid, AdjustmentCode... adjustments) {
        return new PaymentNotice.LineOutcome(number, code, $(charge), $(paid), List.of(adjustments));
    }

    static PaymentNotice notice(String charge, String paid, String patient, List<PaymentNotice.LineOutcome> lines) {
        return new PaymentNotice(
                "e1",
                Instant.now(),
                "enc-1",
                "clm-1",
                "BKHP1",
                "2026090123456",
                "EFT0331264471",
                "1",
                PaymentNotice.Kind.PROCESSED,
                LocalDate.of(2026, 3, 31),
                $(charge),
                $(paid),
                $(patient),
                List.of(),
                lines);
    }

    @Test
    void theSampleRemittanceIsAPartialPaymentWithTheA1cLineDenied() {
        PaymentAssessment assessment = PaymentAssessment.of(
                notice(
                        "210.00",
                        "103.74",
                        "25.00",
                        List.of(
                                line(
                                        1,
                                        "99214",
                                        "165.00",
                                        "103.74",
                                        new AdjustmentCode("CO", "45", $("36.26")),
                                        new AdjustmentCode("PR", "3", $("25.00"))),
                                line(2, "83036", "45.00", "0.00", new AdjustmentCode("CO", "11", $("45.00"))))),
                CarcTable.shipped());

        assertThat(assessment.outcome()).isEqualTo(ClaimStatus.PARTIALLY_PAID);
        assertThat(assessment.paid()).isEqualByComparingTo("103.74");
        assertThat(assessment.patientResponsibility()).isEqualByComparingTo("25.00");
        assertThat(assessment.contractual()).isEqualByComparingTo("36.26");
        assertThat(assessment.denied()).isEqualByComparingTo("45.00");
    }

    @Test
    void aFullyAdjudicatedClaimIsPaid() {
        PaymentAssessment assessment = PaymentAssessment.of(
                notice(
                        "210.00",
                        "141.05",
                        "29.41",
                        List.of(
                                line(
                                        1,
                                        "99214",
                                        "165.00",
                                        "103.74",
                                        new AdjustmentCode("CO", "45", $("36.26")),
                                        new AdjustmentCode("PR", "3", $("25.00"))),
                                line(
                                        2,
                                        "83036",
                                        "45.00",
                                        "37.31",
                                        new AdjustmentCode("CO", "45", $("3.28")),
                                        new AdjustmentCode("PR", "2", $("4.41"))))),
                CarcTable.shipped());

        assertThat(assessment.outcome()).isEqualTo(ClaimStatus.PAID);
        assertThat(assessment.patientResponsibility()).isEqualByComparingTo("29.41");
        assertThat(assessment.contractual()).isEqualByComparingTo("39.54");
    }

    @Test
    void nothingPaidAndDeniedIsADenial() {
        PaymentAssessment assessment = PaymentAssessment.of(
                notice(
                        "45.00",
                        "0.00",
                        "0.00",
                        List.of(line(1, "83036", "45.00", "0.00", new AdjustmentCode("CO", "50", $("45.00"))))),
                CarcTable.shipped());

        assertThat(assessment.outcome()).isEqualTo(ClaimStatus.DENIED);
    }

    @Test
    void aRemittanceThatDoesNotBalanceIsRefused() {
        assertThatThrownBy(() -> PaymentAssessment.of(
                        notice(
                                "210.00",
                                "103.75",
                                "25.00",
                                List.of(
                                        line(
                                                1,
                                                "99214",
                                                "165.00",
                                                "103.75",
                                                new AdjustmentCode("CO", "45", $("36.26")),
                                                new AdjustmentCode("PR", "3", $("25.00"))),
                                        line(2, "83036", "45.00", "0.00", new AdjustmentCode("CO", "11", $("45.00"))))),
                        CarcTable.shipped()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not balance");
    }

    @Test
    void fractionsOfACentAreRefused() {
        assertThatThrownBy(() -> PaymentAssessment.of(notice("10.00", "9.999", "0.00", List.of()), CarcTable.shipped()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
