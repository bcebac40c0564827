package io.claimflow.patientbilling.account;

import static io.claimflow.platform.money.Money.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimflow.patientbilling.ledger.LedgerAccount;
import io.claimflow.patientbilling.ledger.Posting;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgingAndAllocationTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

    final List<OpenClaim> claims = List.of(
            new OpenClaim("clm-c", of("14.00"), AS_OF.minusDays(10)), // current
            new OpenClaim("clm-a", of("85.10"), AS_OF.minusDays(130)), // 120+
            new OpenClaim("clm-b", of("204.00"), AS_OF.minusDays(61)), // 61-90
            new OpenClaim("clm-d", of("40.00"), AS_OF.minusDays(30))); // still current on day 30

    @Test
    void bucketsByDaysSinceThePatientBecameResponsible() {
        assertThat(AgingBucket.of(0)).isEqualTo(AgingBucket.CURRENT);
        assertThat(AgingBucket.of(30)).isEqualTo(AgingBucket.CURRENT);
        assertThat(AgingBucket.of(31)).isEqualTo(AgingBucket.DAYS_31_60);
        assertThat(AgingBucket.of(90)).isEqualTo(AgingBucket.DAYS_61_90);
        assertThat(AgingBucket.of(120)).isEqualTo(AgingBucket.DAYS_91_120);
        assertThat(AgingBucket.of(121)).isEqualTo(AgingBucket.OVER_120);
        assertThat(AgingBucket.of(-3)).isEqualTo(AgingBucket.CURRENT);
    }

    @Test
    void agesEachOpenClaimAndKeepsCreditOutOfTheBuckets() {
        Aging aging = Aging.of(claims, of("-20.00"), AS_OF);

        assertThat(aging.buckets().get(AgingBucket.CURRENT)).isEqualByComparingTo("54.00");
        assertThat(aging.buckets().get(AgingBucket.DAYS_31_60)).isEqualByComparingTo("0.00");
        assertThat(aging.buckets().get(AgingBucket.DAYS_61_90)).isEqualByComparingTo("204.00");
        assertThat(aging.buckets().get(AgingBucket.OVER_120)).isEqualByComparingTo("85.10");
        assertThat(aging.credit()).isEqualByComparingTo("-20.00");
        assertThat(aging.balance()).isEqualByComparingTo("323.10");
    }

    @Test
    void paymentGoesToTheOldestBalanceFirst() {
        Posting payment = PaymentAllocation.allocate(of("100.00"), claims, null, AS_OF, "card");

        assertThat(payment.lines())
                .extracting(l -> l.account() + " " + l.claimId() + " " + l.amount())
                .containsExactly(
                        "PATIENT_CASH null 100.00",
                        "PATIENT_RECEIVABLE clm-a -85.10",
                        "PATIENT_RECEIVABLE clm-b -14.90");
        assertThat(payment.patientBalanceChange()).isEqualByComparingTo("-100.00");
    }

    @Test
    void paymentForAChosenClaimGoesThereFirst() {
        Posting payment = PaymentAllocation.allocate(of("20.00"), claims, "clm-c", AS_OF, "card");

        assertThat(payment.lines())
                .extracting(l -> l.claimId() + " " + l.amount())
                .containsExactly("null 20.00", "clm-c -14.00", "clm-a -6.00");
    }

    @Test
    void overpaymentBecomesCredit() {
        Posting payment = PaymentAllocation.allocate(of("400.00"), claims, null, AS_OF, "check");

        assertThat(payment.total(LedgerAccount.PATIENT_RECEIVABLE)).isEqualByComparingTo("-343.10");
        assertThat(payment.total(LedgerAccount.PATIENT_CREDIT)).isEqualByComparingTo("-56.90");
        assertThat(PaymentAllocation.allocate(of("5.00"), List.of(), null, AS_OF, "x")
                        .total(LedgerAccount.PATIENT_CREDIT))
                .isEqualByComparingTo("-5.00");
    }

    @Test
    void aPaymentMustBePositiveAndInCents() {
        assertThatThrownBy(() -> PaymentAllocation.allocate(of("0.00"), claims, null, AS_OF, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> PaymentAllocation.allocate(new java.math.BigDecimal("1.001"), claims, null, AS_OF, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void smallBalancesAreWrittenOffToZeroAndLargerOnesAreNot() {
        List<OpenClaim> small = List.of(
                new OpenClaim("clm-x", of("3.40"), AS_OF.minusDays(90)),
                new OpenClaim("clm-y", of("-1.00"), AS_OF.minusDays(10)));

        Posting writeOff = SmallBalanceWriteOff.writeOff(small, of("-0.50"), of("5.00"), AS_OF)
                .orElseThrow();

        assertThat(writeOff.total(LedgerAccount.PATIENT_ADJUSTMENT)).isEqualByComparingTo("1.90");
        assertThat(writeOff.patientBalanceChange()).isEqualByComparingTo("-1.90");
        assertThat(writeOff.lines())
                .extracting(l -> l.account() + " " + l.claimId() + " " + l.amount())
                .contains(
                        "PATIENT_RECEIVABLE clm-x -3.40", "PATIENT_RECEIVABLE clm-y 1.00", "PATIENT_CREDIT null 0.50");
        assertThat(SmallBalanceWriteOff.writeOff(claims, of("0.00"), of("5.00"), AS_OF))
                .isEmpty();
        assertThat(SmallBalanceWriteOff.writeOff(
                        List.of(new OpenClaim("c", of("5.00"), AS_OF)), of("0.00"), of("5.00"), AS_OF))
                .isEmpty();
        assertThat(SmallBalanceWriteOff.writeOff(small, of("-3.00"), of("5.00"), AS_OF))
                .isEmpty(); // a credit
        assertThat(SmallBalanceWriteOff.writeOff(small, of("0.00"), of("0.00"), AS_OF))
                .isEmpty(); // policy off
    }
}
