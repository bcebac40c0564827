package io.claimflow.patientbilling.statement;

import static io.claimflow.platform.money.Money.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimflow.patientbilling.ledger.PatientShare;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementTest {

    static final StatementPolicy POLICY = new StatementPolicy(28, of("5.00"), 21, of("25.00"), 10, of("1.00"));
    static final LocalDate AS_OF = LocalDate.of(2026, 4, 30);

    @Test
    void noStatementForZeroCreditSmallOrRecentlyStatedBalances() {
        assertThat(StatementCycle.decide(of("0.00"), null, AS_OF, POLICY))
                .isEqualTo(StatementCycle.Decision.ZERO_OR_CREDIT);
        assertThat(StatementCycle.decide(of("-12.00"), null, AS_OF, POLICY))
                .isEqualTo(StatementCycle.Decision.ZERO_OR_CREDIT);
        assertThat(StatementCycle.decide(of("4.99"), null, AS_OF, POLICY))
                .isEqualTo(StatementCycle.Decision.BELOW_MINIMUM);
        assertThat(StatementCycle.decide(of("1.00"), null, AS_OF, POLICY))
                .isEqualTo(StatementCycle.Decision.BELOW_MINIMUM);
        assertThat(StatementCycle.decide(of("0.99"), null, AS_OF, POLICY))
                .isEqualTo(StatementCycle.Decision.WRITTEN_OFF);
        assertThat(StatementCycle.decide(of("85.10"), AS_OF.minusDays(27), AS_OF, POLICY))
                .isEqualTo(StatementCycle.Decision.TOO_SOON);
        assertThat(StatementCycle.decide(of("85.10"), AS_OF.minusDays(28), AS_OF, POLICY))
                .isEqualTo(StatementCycle.Decision.ISSUE);
        assertThat(StatementCycle.decide(of("85.10"), null, AS_OF, POLICY)).isEqualTo(StatementCycle.Decision.ISSUE);
    }

    @Test
    void minimumDueIsTheFloorOrThePercentOrThePlanNeverMoreThanTheBalance() {
        assertThat(StatementCycle.minimumDue(of("85.10"), null, POLICY)).isEqualByComparingTo("25.00");
        assertThat(StatementCycle.minimumDue(of("1234.56"), null, POLICY)).isEqualByComparingTo("123.46");
        assertThat(StatementCycle.minimumDue(of("14.00"), null, POLICY)).isEqualByComparingTo("14.00");
        assertThat(StatementCycle.minimumDue(of("323.10"), of("53.85"), POLICY)).isEqualByComparingTo("53.85");
    }

    @Test
    void theStatementsLinesAndCreditMustAddUpToItsBalance() {
        StatementLine visit = new StatementLine(
                "clm-20260311-000317",
                "enc-20260310-004821",
                LocalDate.of(2026, 3, 10),
                LocalDate.of(2026, 3, 10),
                "1234567893",
                of("350.00"),
                of("168.40"),
                of("96.50"),
                new PatientShare(of("50.00"), of("21.10"), of("14.00"), of("0.00")),
                of("20.00"),
                of("65.10"),
                LocalDate.of(2026, 3, 31),
                List.of());
        assertThatThrownBy(() -> new Statement(
                        7,
                        "a",
                        AS_OF,
                        AS_OF,
                        of("0.00"),
                        of("0.00"),
                        of("0.00"),
                        of("65.11"),
                        of("25.00"),
                        List.of(visit)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
