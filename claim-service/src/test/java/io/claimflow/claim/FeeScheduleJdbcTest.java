package io.claimflow.claim;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.claim.feeschedule.FeeSchedule;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The starter chargemaster as loaded by Flyway, read through the JDBC fee schedule. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_claim")
class FeeScheduleJdbcTest {

    static final LocalDate DOS = LocalDate.of(2026, 3, 10);

    @Autowired
    FeeSchedule feeSchedule;

    @Test
    void starterPricesForCommonOfficeCodes() {
        assertThat(feeSchedule.unitPrice("any-tenant", "99213", List.of(), DOS)).contains(new BigDecimal("115.00"));
        assertThat(feeSchedule.unitPrice("any-tenant", "99214", List.of(), DOS)).contains(new BigDecimal("165.00"));
        assertThat(feeSchedule.unitPrice("any-tenant", "83036", List.of(), DOS)).contains(new BigDecimal("45.00"));
        assertThat(feeSchedule.unitPrice("any-tenant", "J1100", List.of(), DOS)).contains(new BigDecimal("12.00"));
    }

    /** What coding-service codes from documented units and procedures (drugs per HCPCS dosage unit) has a price. */
    @Test
    void starterPricesForDrugsByDosageUnitAndTheProceduresTheStarterCodeSetsCode() {
        for (String code :
                List.of("J3301", "J1030", "J1885", "J0696", "J2550", "12001", "17000", "69210", "99382", "G0008")) {
            assertThat(feeSchedule.unitPrice("any-tenant", code, List.of(), DOS))
                    .as(code)
                    .isPresent();
        }
        assertThat(feeSchedule.unitPrice("t", "J3301", List.of("RT"), DOS)).contains(new BigDecimal("9.00"));
    }

    @Test
    void aModifierWithItsOwnPriceWinsAndOtherModifiersFallBackToTheBasePrice() {
        assertThat(feeSchedule.unitPrice("t", "93000", List.of("26"), DOS)).contains(new BigDecimal("20.00"));
        assertThat(feeSchedule.unitPrice("t", "93000", List.of("59", "26"), DOS))
                .contains(new BigDecimal("20.00"));
        assertThat(feeSchedule.unitPrice("t", "93000", List.of("59"), DOS)).contains(new BigDecimal("55.00"));
    }

    @Test
    void noPriceForUnknownCodesOrBeforeTheScheduleStarts() {
        assertThat(feeSchedule.unitPrice("t", "99499", List.of(), DOS)).isEmpty();
        assertThat(feeSchedule.unitPrice("t", "99214", List.of(), LocalDate.of(2024, 12, 31)))
                .isEmpty();
    }
}
