package io.claimflow.claim.feeschedule.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.claim.feeschedule.FeeSchedule;
import io.claimflow.claim.feeschedule.FeeScheduleService;
import io.claimflow.claim.feeschedule.NewPrice;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.StatementCounter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The fee schedule's rows are kept per tenant and code with their dates (issue 22: a statement per claim line): a
 * code priced once costs no statement on any date, with any modifiers, and the price is still the one the query per
 * date gave (the oracle here); a change in this instance prices at once, a change made elsewhere (another instance,
 * SQL) once the revision it raised is seen.
 */
@SpringBootTest(
        properties = {"spring.kafka.listener.auto-startup=false", "claimflow.claim.fee-schedule.check-interval=1h"})
@ClaimFlowInfrastructure(database = "claimflow_claim")
@Import(StatementCounter.class)
class FeeScheduleOnAnyDateTest {

    @Autowired
    FeeSchedule feeSchedule;

    @Autowired
    FeeScheduleService service;

    @Autowired
    StatementCounter counter;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCodePricedOnceIsPricedOnEveryDateWithoutAStatementAsTheQueryPricesIt() {
        String tenant = "t-fee-" + UUID.randomUUID();
        // the tenant's own price of 93000 from 2026-04-01, and of 93000-26 until 2026-05-31 only
        service.setPrice(
                new NewPrice(tenant, "93000", "", LocalDate.of(2026, 4, 1), new BigDecimal("61.00"), "ECG"), "test");
        service.setPrice(
                new NewPrice(tenant, "93000", "26", LocalDate.of(2026, 3, 1), new BigDecimal("22.00"), "ECG 26"),
                "test");
        service.setPrice(
                new NewPrice(tenant, "93000", "26", LocalDate.of(2026, 6, 1), new BigDecimal("23.00"), "ECG 26"),
                "test");
        List<LocalDate> dates = List.of(
                LocalDate.of(2024, 12, 31),
                LocalDate.of(2025, 1, 1),
                LocalDate.of(2026, 2, 28),
                LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 3, 31),
                LocalDate.of(2026, 4, 1),
                LocalDate.of(2026, 5, 31),
                LocalDate.of(2026, 6, 1));
        List<List<String>> modifiers = List.of(List.of(), List.of("26"), List.of("59", "26"), List.of("59"));
        List<String> codes = List.of("93000", "99214", "83036", "99499");
        feeSchedule.unitPrice(tenant, "93000", List.of(), dates.get(0));
        codes.forEach(code -> feeSchedule.unitPrice(tenant, code, List.of(), dates.get(0)));

        List<Optional<BigDecimal>> expected = new ArrayList<>();
        for (String code : codes) {
            for (LocalDate dos : dates) {
                modifiers.forEach(m -> expected.add(oracle(tenant, code, m, dos)));
            }
        }
        StatementCounter.Counted<List<Optional<BigDecimal>>> priced = counter.count(() -> {
            List<Optional<BigDecimal>> prices = new ArrayList<>();
            for (String code : codes) {
                for (LocalDate dos : dates) {
                    modifiers.forEach(m -> prices.add(feeSchedule.unitPrice(tenant, code, m, dos)));
                }
            }
            return prices;
        });

        assertThat(priced.result()).isEqualTo(expected);
        assertThat(priced.counts().statements())
                .as("every code priced before: no statement")
                .isZero();
        assertThat(feeSchedule.unitPrice(tenant, "93000", List.of("59", "26"), LocalDate.of(2026, 5, 31)))
                .contains(new BigDecimal("22.00"));
        assertThat(feeSchedule.unitPrice(tenant, "93000", List.of("59", "26"), LocalDate.of(2026, 6, 1)))
                .contains(new BigDecimal("23.00"));
        assertThat(feeSchedule.unitPrice(tenant, "93000", List.of("59"), LocalDate.of(2026, 3, 31)))
                .as("before the tenant's own price: the default table's")
                .contains(new BigDecimal("55.00"));
    }

    @Test
    void aPriceSetHereAppliesAtOnceAndAChangeMadeElsewhereOnceItsRevisionIsSeen() {
        String tenant = "t-fee-" + UUID.randomUUID();
        LocalDate dos = LocalDate.of(2026, 7, 1);
        assertThat(feeSchedule.unitPrice(tenant, "99213", List.of(), dos)).contains(new BigDecimal("115.00"));

        service.setPrice(
                new NewPrice(tenant, "99213", "", LocalDate.of(2026, 6, 1), new BigDecimal("118.00"), "visit"), "test");

        assertThat(feeSchedule.unitPrice(tenant, "99213", List.of(), dos)).contains(new BigDecimal("118.00"));

        // another instance: its own cache, looking at the revision on every lookup
        JdbcFeeSchedule elsewhere =
                new JdbcFeeSchedule(jdbc, new FeeScheduleCache(jdbc, new FeeScheduleProperties(Duration.ZERO)));
        assertThat(elsewhere.unitPrice(tenant, "99213", List.of(), dos)).contains(new BigDecimal("118.00"));
        jdbc.sql("UPDATE fee_schedule SET amount = 119.00 WHERE tenant_id = :tenant AND procedure_code = '99213'")
                .param("tenant", tenant)
                .update();

        assertThat(elsewhere.unitPrice(tenant, "99213", List.of(), dos))
                .as("a change it did not make, seen through fee_schedule_revision")
                .contains(new BigDecimal("119.00"));
    }

    /** The query per line and date of service that the kept rows replace. */
    private Optional<BigDecimal> oracle(String tenant, String code, List<String> modifiers, LocalDate dos) {
        List<String> candidates = new ArrayList<>(modifiers);
        candidates.add("");
        record Price(String tenantId, String modifier, BigDecimal amount) {}
        return jdbc
                .sql("SELECT tenant_id, modifier, amount FROM fee_schedule"
                        + " WHERE tenant_id IN (:tenant, '*') AND procedure_code = :code AND modifier IN (:modifiers)"
                        + " AND effective_from <= :dos AND (effective_to IS NULL OR effective_to >= :dos)")
                .param("tenant", tenant)
                .param("code", code)
                .param("modifiers", candidates)
                .param("dos", dos)
                .query((rs, row) -> new Price(rs.getString(1), rs.getString(2), rs.getBigDecimal(3)))
                .list()
                .stream()
                .min(Comparator.comparing((Price p) -> p.tenantId().equals("*"))
                        .thenComparingInt(p -> candidates.indexOf(p.modifier())))
                .map(Price::amount);
    }
}
