package io.claimflow.patientbilling.plan;

import static io.claimflow.platform.money.Money.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimflow.platform.money.Money;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstallmentScheduleTest {

    static final LocalDate FIRST = LocalDate.of(2026, 7, 15);

    @Test
    void splitsExactlyWithTheRemainderCentsOnTheFirstInstallment() {
        List<Installment> plan = InstallmentSchedule.split(of("323.10"), 6, FIRST);

        assertThat(plan)
                .extracting(Installment::amount)
                .extracting(Object::toString)
                .containsExactly("53.85", "53.85", "53.85", "53.85", "53.85", "53.85");
        List<Installment> odd = InstallmentSchedule.split(of("100.00"), 3, FIRST);
        assertThat(odd).extracting(i -> i.amount().toPlainString()).containsExactly("33.34", "33.33", "33.33");
        assertThat(Money.sum(odd.stream().map(Installment::amount).toList())).isEqualByComparingTo("100.00");
        assertThat(odd)
                .extracting(Installment::dueDate)
                .containsExactly(FIRST, LocalDate.of(2026, 8, 15), LocalDate.of(2026, 9, 15));
    }

    @Test
    void alwaysSumsToTheBalance() {
        for (String total : List.of("0.07", "1.00", "999.99", "1234.56", "85.10")) {
            for (int n = 2; n <= 7 && of(total).movePointRight(2).intValue() >= n; n++) {
                List<Installment> plan = InstallmentSchedule.split(of(total), n, FIRST);
                assertThat(Money.sum(plan.stream().map(Installment::amount).toList()))
                        .isEqualByComparingTo(total);
                assertThat(plan).allSatisfy(i -> assertThat(i.amount().signum()).isPositive());
            }
        }
    }

    @Test
    void refusesWhatCannotBeAPlan() {
        assertThatThrownBy(() -> InstallmentSchedule.split(of("0.00"), 3, FIRST))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InstallmentSchedule.split(of("100.00"), 1, FIRST))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InstallmentSchedule.split(of("0.02"), 3, FIRST))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be split");
    }

    @Test
    void progressCoversInstallmentsInOrderAndFindsMissedOnes() {
        List<Installment> plan = InstallmentSchedule.split(of("100.00"), 3, FIRST);

        PlanProgress onTime = PlanProgress.of(plan, of("33.34"), FIRST.plusDays(20));
        assertThat(onTime.installmentsCovered()).isEqualTo(1);
        assertThat(onTime.missedPayment()).isFalse();
        assertThat(onTime.next().orElseThrow().number()).isEqualTo(2);

        PlanProgress late = PlanProgress.of(plan, of("40.00"), LocalDate.of(2026, 9, 1));
        assertThat(late.missedPayment()).isTrue();
        assertThat(late.overdue()).isEqualByComparingTo("26.67");
        assertThat(late.dueOnNext()).isEqualByComparingTo("26.67");
        assertThat(PlanProgress.dueBy(plan, of("40.00"), LocalDate.of(2026, 9, 20)))
                .isEqualByComparingTo("60.00");
    }
}
