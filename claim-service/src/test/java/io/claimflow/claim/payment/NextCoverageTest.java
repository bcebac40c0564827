package io.claimflow.claim.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.claim.model.CoverageRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which coverage a remittance's next payer stands for, when the 835 names only the payer (found in the e2e run). */
class NextCoverageTest {

    static final CoverageRef OWN_PLAN = new CoverageRef("BKHP1", "Buckeye Health Plan", "BHP200000007", "SELF");
    static final CoverageRef SPOUSE_PLAN = new CoverageRef("BKHP1", "Buckeye Health Plan", "BHP600000007", "SPOUSE");
    static final CoverageRef MEDICAID = new CoverageRef("MCDOH", "Ohio Medicaid", "MCD123", "SELF");

    @Test
    void twoPlansOfOnePayerAreToldApartByTheirPlaceInThePaymentOrder() {
        assertThat(NextPayerClaims.nextCoverage(List.of(OWN_PLAN, SPOUSE_PLAN), OWN_PLAN, "BKHP1"))
                .contains(SPOUSE_PLAN);
    }

    @Test
    void theNextPayerIsLookedForAfterThePaidCoverageOnly() {
        assertThat(NextPayerClaims.nextCoverage(List.of(OWN_PLAN, SPOUSE_PLAN), SPOUSE_PLAN, "BKHP1"))
                .isEmpty();
        assertThat(NextPayerClaims.nextCoverage(List.of(OWN_PLAN, MEDICAID), OWN_PLAN, "MCDOH"))
                .contains(MEDICAID);
        assertThat(NextPayerClaims.nextCoverage(List.of(OWN_PLAN, MEDICAID), OWN_PLAN, "OTHER"))
                .isEmpty();
    }
}
